import { drawCat, encodeJpeg } from "@cat-harvest/emulator-kit";
import { PIXEL_WIDTHS, type PhotoSize } from "./photo-sizes.js";

/** How many distinct pictures exist per size class; every photo is one of them plus its own marker segment. */
export const TEMPLATE_COUNT = 6;

const cache = new Map<string, Uint8Array>();

/** Pixel height of template `k` at a size class (landscape, portrait or square by template). */
export function templateHeight(k: number, size: PhotoSize): number {
  const w = PIXEL_WIDTHS[size];
  if (size === "crop") return w;
  const aspect = [0.75, 4 / 3, 1][k % 3]!;
  return Math.round(w * aspect);
}

/**
 * The encoded JPEG of template `k` at a size class, encoded once per process on first use
 * (so start-up stays fast and requests never encode).
 */
export function templateJpeg(k: number, size: PhotoSize): Uint8Array {
  const key = `${k}:${size}`;
  let bytes = cache.get(key);
  if (!bytes) {
    const width = PIXEL_WIDTHS[size];
    const height = templateHeight(k, size);
    bytes = encodeJpeg(drawCat(k, width, height), width, height, 80);
    cache.set(key, bytes);
  }
  return bytes;
}

/** Whether a template is encoded already. */
export function isTemplateReady(k: number, size: PhotoSize): boolean {
  return cache.has(`${k}:${size}`);
}
