import { drawCat, encodeGif, encodeJpeg, encodePng, type ImageFormat, toPaletteIndexes } from "@cat-harvest/emulator-kit";

/** The pictures of each format, as [width, height]: every served image is one of them plus its own label. */
export const TEMPLATE_SIZES: Readonly<Record<ImageFormat, readonly (readonly [number, number])[]>> = {
  jpeg: [
    [640, 480],
    [500, 667],
    [800, 800],
    [1024, 683],
    [600, 450],
    [720, 960],
  ],
  png: [
    [400, 300],
    [300, 400],
    [480, 480],
    [500, 375],
  ],
  gif: [
    [320, 240],
    [240, 320],
    [400, 300],
  ],
};

const cache = new Map<string, Uint8Array>();

/** Template `k` of a format, encoded once per process on first use (requests never encode). */
export function templateImage(format: ImageFormat, k: number): Uint8Array {
  const key = `${format}:${k}`;
  let bytes = cache.get(key);
  if (!bytes) {
    const [width, height] = TEMPLATE_SIZES[format][k]!;
    // Drawings differ across formats too: JPEG templates 0-5, PNG 10-13, GIF 20-22.
    const drawing = format === "jpeg" ? k : format === "png" ? 10 + k : 20 + k;
    if (format === "jpeg") bytes = encodeJpeg(drawCat(drawing, width, height), width, height, 80);
    else {
      const indexes = toPaletteIndexes(drawCat(drawing, width, height, 0), width, height);
      bytes = format === "png" ? encodePng(indexes, width, height) : encodeGif(indexes, width, height);
    }
    cache.set(key, bytes);
  }
  return bytes;
}

/** Whether a template is encoded already. */
export function isTemplateReady(format: ImageFormat, k: number): boolean {
  return cache.has(`${format}:${k}`);
}
