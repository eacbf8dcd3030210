import { sizeFallbackOrder, tryParsePhotoUrl, type PhotoSize } from "@cat-harvest/photos";
import type { RescueGroupsPicture } from "./join-pictures.js";

/** The picture field behind each size name of the pipeline; RescueGroups has no `medium`. */
const FIELD_OF_SIZE: Readonly<Record<PhotoSize, "original" | "large" | "small" | null>> = { full: "original", large: "large", medium: null, small: "small" };

/** A usable URL of one picture at the size asked for, or the nearest (larger first), with its comparison key. */
export interface ChosenPictureUrl {
  readonly url: string;
  readonly size: PhotoSize;
  /** `canonicalPhotoUrl` of the URL, for spotting a picture listed twice. */
  readonly canonical: string;
}

/** Tries the sizes in `sizeFallbackOrder(size)`: `full` is `original` (as uploaded), `large` about 500 px, `small` about 100 px. */
export function choosePictureUrl(picture: RescueGroupsPicture, size: PhotoSize | "largest"): ChosenPictureUrl | undefined {
  for (const candidate of sizeFallbackOrder(size)) {
    const field = FIELD_OF_SIZE[candidate];
    const url = field === null ? undefined : picture[field];
    if (url === undefined) continue;
    const parsed = tryParsePhotoUrl(url);
    if (parsed.ok) return { url: parsed.value.href, size: candidate, canonical: parsed.value.canonical };
  }
  return undefined;
}
