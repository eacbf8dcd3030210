import { hashInts, imageBytes, type ImageParts, labelledImage, noiseBytes } from "@cat-harvest/emulator-kit";
import { TEMPLATE_COUNT, templateJpeg } from "./jpeg-templates.js";
import type { PhotoSize } from "./photo-sizes.js";

/** Most padding bytes added per size class, so file sizes vary and grow with the size class. */
const MAX_PADDING: Readonly<Record<PhotoSize, number>> = {
  small: 500,
  medium: 1500,
  crop: 2000,
  large: 3000,
  full: 5000,
};

const encoder = new TextEncoder();

/**
 * The bytes of a photo, identified by the animal id and photo number that supply its content
 * (a re-post passes the original's). The picture comes from a small template pool; a comment
 * segment placed before EOI makes every (photo, size) unique and deterministic per seed.
 */
export function photoParts(seed: number, contentId: number, photo: number, size: PhotoSize): ImageParts {
  const h = hashInts(seed, 0x9407, contentId, photo);
  const label = encoder.encode(`petfinder-emulator seed=${seed} animal=${contentId} photo=${photo} size=${size};`);
  const hp = hashInts(h, size.length, size.charCodeAt(0));
  const padding = noiseBytes(hashInts(hp, 7), hp % MAX_PADDING[size]);
  return labelledImage("jpeg", templateJpeg(h % TEMPLATE_COUNT, size), label, padding);
}

/** The whole photo as one array (tests and helpers; the server writes the parts). */
export function photoBytes(seed: number, contentId: number, photo: number, size: PhotoSize): Uint8Array {
  return imageBytes(photoParts(seed, contentId, photo, size));
}
