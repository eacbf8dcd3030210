import { type CrossPost, crossPostParts, type ImageParts } from "@cat-harvest/emulator-kit";
import { crossPostAt } from "./cross-posts.js";
import { type Dataset, photoContent } from "./dataset.js";
import { photoParts } from "./photo-bytes.js";
import type { PhotoSize } from "./photo-sizes.js";

/** What a photo URL serves: its bytes, and the pool photo they are when it is cross-posted. */
export interface ServedPhoto {
  readonly parts: ImageParts;
  readonly crossPost: CrossPost | undefined;
}

/** The bytes of photo `photo` (1-based) of animal `index` at a size: a re-post's are its original's, a cross-post's the pool's. */
export function servedPhoto(data: Dataset, index: number, photo: number, size: PhotoSize): ServedPhoto {
  const content = photoContent(data, index, photo);
  const crossPost = crossPostAt(data, content.index, content.photo, size);
  const parts = crossPost ? crossPostParts(crossPost) : photoParts(data.seed, data.ids[content.index]!, content.photo, size);
  return { parts, crossPost };
}
