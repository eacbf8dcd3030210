import type { ImageFormat } from "./image-format.js";

/** Bytes kept from the end of each body to check its end marker. */
export const TAIL_BYTES = 32;

const PNG_IEND = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/**
 * Whether a whole body ends the way its format must, which exposes a body cut short when
 * no Content-Length said how long it should be: JPEG needs its end-of-image marker FFD9
 * (a few trailing padding bytes are tolerated), PNG its IEND chunk, GIF its 0x3B trailer,
 * WebP the length its RIFF header announces.
 *
 * @param head the first bytes of the body (at least 12 for WebP)
 * @param tail the last up to `TAIL_BYTES` bytes of the body
 * @param length the body's length in bytes
 */
export function isImageComplete(format: ImageFormat, head: Uint8Array, tail: Uint8Array, length: number): boolean {
  switch (format) {
    case "jpeg":
      for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
      return false;
    case "png":
      return tail.length >= 8 && PNG_IEND.every((b, i) => tail[tail.length - 8 + i] === b);
    case "gif":
      return tail[tail.length - 1] === 0x3b;
    case "webp": {
      if (head.length < 8) return false;
      const riffSize = (head[4]! | (head[5]! << 8) | (head[6]! << 16) | (head[7]! << 24)) >>> 0;
      return length >= riffSize + 8;
    }
  }
}
