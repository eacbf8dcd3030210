import { catJpegTemplates } from "./cat-jpeg-templates.js";
import { hashInts } from "./hash.js";
import { type ImageParts, imageSha256, labelledImage } from "./image-parts.js";
import { noiseBytes } from "./noise.js";

/** The path of bulk image `n` on a bulk CDN: `/_bulk/<n>.jpg`. */
export const BULK_IMAGE_PATH = /^\/_bulk\/(\d{1,10})\.jpg$/;

/** The largest bulk image number: any n from 0 to this many is served, none is stored. */
export const MAX_BULK_IMAGE = 4_294_967_295;

/** Sizes of the bulk templates: small, so a million of them is a few GB on disk. */
const BULK_TEMPLATE_SIZES: readonly (readonly [number, number])[] = [
  [48, 36],
  [40, 40],
  [36, 48],
  [56, 42],
];

/** Most padding bytes after the label, so file sizes vary. */
const MAX_BULK_PADDING = 512;

/** Bulk template `k`, encoded once per process on first use (a few milliseconds each). */
const bulkTemplate = catJpegTemplates(BULK_TEMPLATE_SIZES, 90, 70);

const encoder = new TextEncoder();

/** Whether `n` names a bulk image: an integer from 0 to `MAX_BULK_IMAGE`. */
export function isBulkImageNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_BULK_IMAGE;
}

/** The path of bulk image `n`, e.g. `/_bulk/42.jpg`. */
export function bulkImagePath(n: number): string {
  if (!isBulkImageNumber(n)) throw new TypeError(`bulkImagePath: n must be an integer from 0 to ${MAX_BULK_IMAGE}; got ${n}.`);
  return `/_bulk/${n}.jpg`;
}

/**
 * The bytes of bulk image `n` at a seed: a small real JPEG (one of a few templates) whose
 * comment names the seed and `n`, so every number is a distinct image, derived on request and
 * never held: any count of distinct URLs costs the server nothing per URL.
 */
export function bulkImageParts(seed: number, n: number): ImageParts {
  const h = hashInts(seed, 0xb01c, n);
  const label = encoder.encode(`bulk seed=${seed} n=${n};`);
  return labelledImage("jpeg", bulkTemplate(h % BULK_TEMPLATE_SIZES.length), label, noiseBytes(hashInts(h, 7), h % MAX_BULK_PADDING));
}

/** The sha256 (hex) of bulk image `n` at a seed, in microseconds (the template's hash state is reused). */
export function bulkImageSha256(seed: number, n: number): string {
  return imageSha256(bulkImageParts(seed, n));
}

/** The number in a bulk image path, or undefined when the path names no bulk image. */
export function bulkImageNumber(path: string): number | undefined {
  const match = BULK_IMAGE_PATH.exec(path);
  if (!match) return undefined;
  const n = Number(match[1]);
  return isBulkImageNumber(n) ? n : undefined;
}
