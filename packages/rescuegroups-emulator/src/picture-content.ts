import { crossPostParts, hashInts, type ImageParts, labelledImage, noiseBytes } from "@cat-harvest/emulator-kit";
import { crossPostAt } from "./cross-posts.js";
import type { Dataset } from "./dataset.js";
import { type PictureSize, templateJpeg } from "./picture-templates.js";

/** Most padding bytes per picture, so file sizes vary. */
const MAX_PADDING = 6000;
const encoder = new TextEncoder();

/**
 * The bytes picture `p` serves at a size: its template plus a label naming the picture that
 * supplies its content (a re-post names the original, so both are byte-identical) and seeded
 * padding; a cross-posted picture's original is the pool photo.
 */
export function pictureParts(data: Dataset, p: number, size: PictureSize): ImageParts {
  const post = crossPostAt(data, p, size);
  if (post) return crossPostParts(post);
  const c = data.content[p]!;
  const h = hashInts(data.seed, 0x1b, c, size.length);
  const label = encoder.encode(`rescuegroups-emulator seed=${data.seed} picture=${data.pictureIds[c]} size=${size};`);
  return labelledImage("jpeg", templateJpeg(data.template[c]!, size), label, noiseBytes(hashInts(h, 7), h % MAX_PADDING));
}
