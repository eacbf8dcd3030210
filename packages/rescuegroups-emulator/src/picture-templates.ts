import { drawCat, encodeJpeg } from "@cat-harvest/emulator-kit";

/** The sizes the CDN serves: as uploaded, `?width=500` and `?width=100`. */
export const PICTURE_SIZES = ["original", "large", "small"] as const;
export type PictureSize = (typeof PICTURE_SIZES)[number];

/** The `width` query of each size (none for the original). */
export const SIZE_WIDTHS: Readonly<Record<PictureSize, number | null>> = { original: null, large: 500, small: 100 };

/** The uploaded pictures' sizes, as [width, height]: every served picture is one of them, scaled, plus its own label. */
export const TEMPLATE_SIZES: readonly (readonly [number, number])[] = [
  [1024, 768],
  [768, 1024],
  [900, 675],
  [640, 480],
  [800, 800],
];

/** Width and height of template `k` at a size: `?width=` keeps the aspect ratio. */
export function templateSize(k: number, size: PictureSize): readonly [number, number] {
  const [width, height] = TEMPLATE_SIZES[k]!;
  const wanted = SIZE_WIDTHS[size];
  return wanted === null ? [width, height] : [wanted, Math.max(1, Math.round((height * wanted) / width))];
}

const cache = new Map<string, Uint8Array>();

/** Template `k` at a size, encoded once per process on first use. */
export function templateJpeg(k: number, size: PictureSize): Uint8Array {
  const key = `${k}:${size}`;
  let bytes = cache.get(key);
  if (!bytes) {
    const [width, height] = templateSize(k, size);
    bytes = encodeJpeg(drawCat(30 + k, width, height), width, height, 80);
    cache.set(key, bytes);
  }
  return bytes;
}

/** Whether a template is encoded already. */
export function isTemplateReady(k: number, size: PictureSize): boolean {
  return cache.has(`${k}:${size}`);
}
