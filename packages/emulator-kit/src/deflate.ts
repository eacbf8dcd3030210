/**
 * A small zlib (RFC 1950/1951) compressor: one block of fixed Huffman codes with greedy LZ77
 * matches. Its output is the same on every runtime and version, unlike node:zlib's, so the
 * PNG bytes (and the truth's sha256) of an emulator depend on its seed alone.
 */

import { ByteBuffer } from "./byte-buffer.js";

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const WINDOW = 32768;
const MAX_CHAIN = 24;

class BitWriter extends ByteBuffer {
  #buffer = 0;
  #count = 0;

  /** `count` bits of `value`, least significant first. */
  bits(value: number, count: number): void {
    this.#buffer |= value << this.#count;
    this.#count += count;
    while (this.#count >= 8) {
      this.byte(this.#buffer & 0xff);
      this.#buffer >>>= 8;
      this.#count -= 8;
    }
  }

  /** A Huffman code, most significant bit first. */
  code(code: number, length: number): void {
    let reversed = 0;
    for (let i = 0; i < length; i++) reversed |= ((code >> i) & 1) << (length - 1 - i);
    this.bits(reversed, length);
  }

  flush(): void {
    if (this.#count > 0) this.byte(this.#buffer & 0xff);
    this.#buffer = 0;
    this.#count = 0;
  }
}

function literal(out: BitWriter, symbol: number): void {
  if (symbol < 144) out.code(0x30 + symbol, 8);
  else if (symbol < 256) out.code(0x190 + symbol - 144, 9);
  else if (symbol < 280) out.code(symbol - 256, 7);
  else out.code(0xc0 + symbol - 280, 8);
}

function lastIndexAtMost(table: readonly number[], value: number): number {
  let i = table.length - 1;
  while (table[i]! > value) i--;
  return i;
}

function match(out: BitWriter, length: number, distance: number): void {
  const l = lastIndexAtMost(LENGTH_BASE, length);
  literal(out, 257 + l);
  if (LENGTH_EXTRA[l]! > 0) out.bits(length - LENGTH_BASE[l]!, LENGTH_EXTRA[l]!);
  const d = lastIndexAtMost(DIST_BASE, distance);
  out.code(d, 5);
  if (DIST_EXTRA[d]! > 0) out.bits(distance - DIST_BASE[d]!, DIST_EXTRA[d]!);
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; i++) {
    a = (a + data[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** `data` as a zlib stream. */
export function zlibCompress(data: Uint8Array): Uint8Array {
  const out = new BitWriter();
  out.byte(0x78);
  out.byte(0x01);
  out.bits(1, 1); // the final block
  out.bits(1, 2); // fixed Huffman codes
  const head = new Int32Array(1 << 15).fill(-1);
  const previous = new Int32Array(data.length);
  const hashAt = (i: number) => ((data[i]! << 10) ^ (data[i + 1]! << 5) ^ data[i + 2]!) & 0x7fff;
  const insert = (i: number) => {
    if (i + 2 >= data.length) return;
    const h = hashAt(i);
    previous[i] = head[h]!;
    head[h] = i;
  };
  let i = 0;
  while (i < data.length) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + 2 < data.length) {
      let candidate = head[hashAt(i)]!;
      for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
        let n = 0;
        while (n < 258 && i + n < data.length && data[candidate + n] === data[i + n]) n++;
        if (n > bestLength) {
          bestLength = n;
          bestDistance = i - candidate;
        }
        candidate = previous[candidate]!;
      }
    }
    if (bestLength >= 3) {
      match(out, bestLength, bestDistance);
      for (let k = 0; k < bestLength; k++) insert(i + k);
      i += bestLength;
    } else {
      literal(out, data[i]!);
      insert(i);
      i++;
    }
  }
  literal(out, 256);
  out.flush();
  const check = adler32(data);
  for (const shift of [24, 16, 8, 0]) out.byte((check >>> shift) & 0xff);
  return out.written();
}
