import type { ImageFormat } from "./image-format.js";

export interface ImageDimensions {
  readonly width: number;
  readonly height: number;
}

/** How far into a body the downloader looks for dimensions (JPEG EXIF blocks can be long). */
export const DIMENSIONS_SCAN_LIMIT = 256 * 1024;

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 65536 + u16be(b, i + 2);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

const valid = (width: number, height: number): ImageDimensions | null => (width > 0 && height > 0 ? { width, height } : null);

// Walks JPEG segments up to the first start-of-frame; stops at start-of-scan.
function jpeg(b: Uint8Array): ImageDimensions | null {
  let i = 2;
  while (i + 9 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xda) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return valid(u16be(b, i + 7), u16be(b, i + 5));
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

function webp(b: Uint8Array): ImageDimensions | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8 ") return valid(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  if (chunk === "VP8L" && b[20] === 0x2f) {
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return valid((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === "VP8X") return valid(u24le(b, 24) + 1, u24le(b, 27) + 1);
  return null;
}

/**
 * Width and height read from the first bytes of an image (JPEG start-of-frame, PNG IHDR,
 * GIF logical screen, WebP VP8/VP8L/VP8X header), or `null` when the bytes so far do not
 * say. Decodes no pixels.
 */
export function readImageDimensions(format: ImageFormat, bytes: Uint8Array): ImageDimensions | null {
  switch (format) {
    case "jpeg":
      return jpeg(bytes);
    case "png":
      return bytes.length >= 24 && ascii(bytes, 12, 4) === "IHDR" ? valid(u32be(bytes, 16), u32be(bytes, 20)) : null;
    case "gif":
      return bytes.length >= 10 ? valid(u16le(bytes, 6), u16le(bytes, 8)) : null;
    case "webp":
      return webp(bytes);
  }
}
