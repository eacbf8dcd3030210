import { crc32 } from "./crc32.js";
import { zlibCompress } from "./deflate.js";
import { PALETTE } from "./palette.js";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = new TextEncoder();

function u32(value: number): Uint8Array {
  return Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

/** One PNG chunk: length, type, data, CRC of type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = ascii.encode(type);
  const out = new Uint8Array(12 + data.length);
  out.set(u32(data.length), 0);
  out.set(typeBytes, 4);
  out.set(data, 8);
  out.set(u32(crc32(typeBytes, data)), 8 + data.length);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Encodes palette indexes (one byte a pixel, into `PALETTE`) as an 8-bit indexed PNG:
 * IHDR, PLTE, one IDAT and IEND, with no filtering. Deterministic on every runtime.
 */
export function encodePng(indexes: Uint8Array, width: number, height: number): Uint8Array {
  if (width < 1 || height < 1 || indexes.length < width * height) {
    throw new TypeError(`encodePng: ${width}x${height} does not fit ${indexes.length} palette indexes`);
  }
  const ihdr = new Uint8Array(13);
  ihdr.set(u32(width), 0);
  ihdr.set(u32(height), 4);
  ihdr.set([8, 3, 0, 0, 0], 8); // 8-bit depth, indexed colour, deflate, no filter set, no interlace
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) raw.set(indexes.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return concat([
    Uint8Array.from(SIGNATURE),
    pngChunk("IHDR", ihdr),
    pngChunk("PLTE", PALETTE),
    pngChunk("IDAT", zlibCompress(raw)),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
}
