import jpeg from "jpeg-js";
import { createPrng } from "./hash.js";
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

/** Draws a cartoon cat on a gradient with some grain, so the file sizes look like photos. */
function render(k: number, width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  const rand = createPrng(1000 + k);
  const bg1 = [rand() * 255, rand() * 255, rand() * 255];
  const bg2 = [rand() * 255, rand() * 255, rand() * 255];
  const fur = [rand() * 120 + 40, rand() * 90 + 30, rand() * 60 + 20];
  const cx = 0.35 + rand() * 0.3;
  const cy = 0.45 + rand() * 0.15;
  const grain = createPrng(77 + k);
  const s = Math.min(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const fx = x / width;
      const fy = y / height;
      // Body, head and two ears, in units of the shorter side.
      const bx = (x - cx * width) / s;
      const by = (y - (cy + 0.12) * height) / s;
      const hx = (x - cx * width) / s;
      const hy = (y - (cy - 0.12) * height) / s;
      const body = (bx * bx) / 0.06 + (by * by) / 0.03 < 1;
      const head = hx * hx + hy * hy < 0.018;
      const ear = hy < -0.08 && hy > -0.2 && Math.abs(Math.abs(hx) - 0.07) < (hy + 0.2) * 0.4;
      const n = (grain() - 0.5) * 40;
      const o = (y * width + x) * 4;
      if (body || head || ear) {
        const stripe = Math.sin((x + y * 0.3) / (s * 0.03)) * 18;
        data[o] = fur[0]! + stripe + n;
        data[o + 1] = fur[1]! + stripe + n;
        data[o + 2] = fur[2]! + stripe + n;
      } else {
        const t = (fx + fy) / 2;
        data[o] = bg1[0]! * (1 - t) + bg2[0]! * t + n;
        data[o + 1] = bg1[1]! * (1 - t) + bg2[1]! * t + n;
        data[o + 2] = bg1[2]! * (1 - t) + bg2[2]! * t + n;
      }
      data[o + 3] = 255;
    }
  }
  return data;
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
    const encoded = jpeg.encode({ data: render(k, width, height), width, height }, 82);
    bytes = new Uint8Array(encoded.data.buffer, encoded.data.byteOffset, encoded.data.byteLength);
    if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) {
      throw new Error("jpeg-js produced a JPEG without a trailing EOI marker; the emulator cannot mark photos");
    }
    cache.set(key, bytes);
  }
  return bytes;
}
