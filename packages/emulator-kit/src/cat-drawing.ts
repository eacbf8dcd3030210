import { createPrng } from "./hash.js";

/** Pixel noise amplitude of `drawCat` by default: enough texture that JPEG sizes look like photos. */
export const DEFAULT_GRAIN = 10;

/**
 * Draws cartoon cat number `k` on a gradient, as RGBA pixels (4 bytes a pixel). `grain` adds
 * pixel noise (JPEG files then look like photos; palette images want 0, which compresses well).
 */
export function drawCat(k: number, width: number, height: number, grain: number = DEFAULT_GRAIN): Uint8Array {
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
      const n = ((noise & 255) / 255 - 0.5) * grain;
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
