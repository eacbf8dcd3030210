import { drawCat } from "./cat-drawing.js";
import { encodeJpeg } from "./jpeg-encode.js";

/**
 * A set of cartoon-cat JPEG templates, each encoded once per process on first use: template
 * `k` is `drawCat(firstCat + k)` at `sizes[k]`, at a JPEG quality.
 */
export function catJpegTemplates(sizes: readonly (readonly [number, number])[], firstCat: number, quality: number): (k: number) => Uint8Array {
  const encoded = new Map<number, Uint8Array>();
  return (k) => {
    let bytes = encoded.get(k);
    if (!bytes) {
      const [width, height] = sizes[k]!;
      bytes = encodeJpeg(drawCat(firstCat + k, width, height), width, height, quality);
      encoded.set(k, bytes);
    }
    return bytes;
  };
}
