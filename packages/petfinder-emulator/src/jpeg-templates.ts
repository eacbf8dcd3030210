import { createPrng } from "./hash.js";
import { encodeJpeg } from "./jpeg-encode.js";
import { PIXEL_WIDTHS, type PhotoSize } from "./photo-sizes.js";

/** How many distinct pictures exist per size class; every photo is one of them plus its own marker segment. */
export const TEMPLATE_COUNT = 6;

const cache = new Map<string, Uint8Array>();
/** Pixel noise amplitude: enough texture that sizes look like photos (tens of kB at full size). */
const GRAIN = 10;

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
  const bg1 = [rand() * 255, rand() * 255, rand() * 255] as const;
  const bg2 = [rand() * 255, rand() * 255, rand() * 255] as const;
  const fur = [rand() * 120 + 40, rand() * 90 + 30, rand() * 60 + 20] as const;
  const cx = (0.35 + rand() * 0.3) * width;
  const cyBody = (0.57 + rand() * 0.15) * height;
  const cyHead = cyBody - 0.24 * height;
  const s = Math.min(width, height);
  const stripes = new Float64Array(width + height);
  for (let i = 0; i < stripes.length; i++) stripes[i] = Math.sin(i / (s * 0.03)) * 18;
  let noise = (0x9e3779b9 ^ (k * 2654435761)) | 0;
  for (let y = 0; y < height; y++) {
    const by = (y - cyBody) / s;
    const hy = (y - cyHead) / s;
    const fy = y / height;
    for (let x = 0; x < width; x++) {
      const bx = (x - cx) / s;
      const body = (bx * bx) / 0.06 + (by * by) / 0.03 < 1;
      const head = bx * bx + hy * hy < 0.018;
      const ear = hy < -0.08 && hy > -0.2 && Math.abs(Math.abs(bx) - 0.07) < (hy + 0.2) * 0.4;
      noise ^= noise << 13;
      noise ^= noise >> 17;
      noise ^= noise << 5;
      const n = ((noise & 255) / 255 - 0.5) * GRAIN;
      const o = (y * width + x) * 4;
      if (body || head || ear) {
        const stripe = stripes[x + ((y * 0.3) | 0)]!;
        data[o] = fur[0] + stripe + n;
        data[o + 1] = fur[1] + stripe + n;
        data[o + 2] = fur[2] + stripe + n;
      } else {
        const t = (x / width + fy) / 2;
        data[o] = bg1[0] * (1 - t) + bg2[0] * t + n;
        data[o + 1] = bg1[1] * (1 - t) + bg2[1] * t + n;
        data[o + 2] = bg1[2] * (1 - t) + bg2[2] * t + n;
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
    bytes = encodeJpeg(render(k, width, height), width, height, 80);
    cache.set(key, bytes);
  }
  return bytes;
}

/** Whether a template is encoded already. */
export function isTemplateReady(k: number, size: PhotoSize): boolean {
  return cache.has(`${k}:${size}`);
}
