import { crossPostParts, hashInts, type ImageParts, labelledImage, noiseBytes } from "@cat-harvest/emulator-kit";
import { type Dataset, formatOf } from "./dataset.js";
import { templateImage } from "./image-templates.js";

/** Most padding bytes per image, so file sizes vary. */
const MAX_PADDING = 6000;
const encoder = new TextEncoder();

/**
 * The bytes image `i` serves: its template plus a label naming the image that supplies its
 * content (a re-upload names the original, so both are byte-identical) and seeded padding; a
 * cross-posted image's are the pool photo's.
 */
export function imageParts(data: Dataset, i: number): ImageParts {
  const c = data.content[i]!;
  const post = data.crossPosts.get(c);
  if (post) return crossPostParts(post);
  const { format } = formatOf(data.format[c]!);
  const h = hashInts(data.seed, 0x1b, c);
  const label = encoder.encode(`thecatapi-emulator seed=${data.seed} image=${data.ids[c]};`);
  return labelledImage(format, templateImage(format, data.template[c]!), label, noiseBytes(hashInts(h, 7), h % MAX_PADDING));
}
