/**
 * A small baseline JPEG encoder (YCbCr 4:4:4, the standard Annex K tables). The emulator
 * encodes only a handful of template pictures per process; jpeg-js's encoder rebuilds its
 * tables on every call (hundreds of milliseconds each), which made start-up of the photo
 * CDN slow, so this one builds them once.
 */

import { ByteBuffer } from "./byte-buffer.js";

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22,
  15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

const LUMA_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103,
  77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

const CHROMA_QUANT = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...new Array<number>(32).fill(99),
];

const DC_LUMA_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_CHROMA_BITS = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_LUMA_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_LUMA_VALUES = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42,
  0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35,
  0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67,
  0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98,
  0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,
  0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4,
  0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];
const AC_CHROMA_BITS = [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77];
const AC_CHROMA_VALUES = [
  0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1,
  0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a,
  0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66,
  0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96,
  0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
  0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4,
  0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];

interface HuffmanTable {
  readonly codes: Uint16Array;
  readonly lengths: Uint8Array;
}

/** Canonical Huffman codes from the per-length counts (JPEG Annex C). */
function huffman(bits: readonly number[], values: readonly number[]): HuffmanTable {
  const codes = new Uint16Array(256);
  const lengths = new Uint8Array(256);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]!; i++) {
      codes[values[k]!] = code;
      lengths[values[k]!] = len;
      code++;
      k++;
    }
    code <<= 1;
  }
  return { codes, lengths };
}

const DC_LUMA = huffman(DC_LUMA_BITS, DC_VALUES);
const DC_CHROMA = huffman(DC_CHROMA_BITS, DC_VALUES);
const AC_LUMA = huffman(AC_LUMA_BITS, AC_LUMA_VALUES);
const AC_CHROMA = huffman(AC_CHROMA_BITS, AC_CHROMA_VALUES);

/** Scale factors of the AAN fast DCT (libjpeg's float DCT uses the same). */
const AAN_SCALE = [1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.5411961, 0.275899379];

/** Multipliers that undo the AAN scaling and quantise in one step, natural order. */
function divisors(quant: Uint8Array): Float64Array {
  const out = new Float64Array(64);
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) out[v * 8 + u] = 1 / (quant[v * 8 + u]! * AAN_SCALE[v]! * AAN_SCALE[u]! * 8);
  }
  return out;
}

/** In-place AAN forward DCT of 8 values at `o`, `o + step`, ... */
function fdct8(d: Float64Array, o: number, step: number): void {
  const d0 = d[o]!,
    d1 = d[o + step]!,
    d2 = d[o + 2 * step]!,
    d3 = d[o + 3 * step]!;
  const d4 = d[o + 4 * step]!,
    d5 = d[o + 5 * step]!,
    d6 = d[o + 6 * step]!,
    d7 = d[o + 7 * step]!;
  const t0 = d0 + d7,
    t7 = d0 - d7,
    t1 = d1 + d6,
    t6 = d1 - d6;
  const t2 = d2 + d5,
    t5 = d2 - d5,
    t3 = d3 + d4,
    t4 = d3 - d4;
  // Even part.
  let t10 = t0 + t3;
  const t13 = t0 - t3;
  let t11 = t1 + t2;
  let t12 = t1 - t2;
  d[o] = t10 + t11;
  d[o + 4 * step] = t10 - t11;
  const z1 = (t12 + t13) * 0.707106781;
  d[o + 2 * step] = t13 + z1;
  d[o + 6 * step] = t13 - z1;
  // Odd part.
  t10 = t4 + t5;
  t11 = t5 + t6;
  t12 = t6 + t7;
  const z5 = (t10 - t12) * 0.382683433;
  const z2 = 0.5411961 * t10 + z5;
  const z4 = 1.306562965 * t12 + z5;
  const z3 = t11 * 0.707106781;
  const z11 = t7 + z3;
  const z13 = t7 - z3;
  d[o + 5 * step] = z13 + z2;
  d[o + 3 * step] = z13 - z2;
  d[o + step] = z11 + z4;
  d[o + 7 * step] = z11 - z4;
}

function scaledQuant(base: readonly number[], quality: number): Uint8Array {
  const q = Math.min(100, Math.max(1, quality));
  const scale = q < 50 ? 5000 / q : 200 - q * 2;
  return Uint8Array.from(base, (v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

class ByteWriter extends ByteBuffer {
  #bitBuffer = 0;
  #bitCount = 0;

  word(w: number): void {
    this.byte((w >> 8) & 0xff);
    this.byte(w & 0xff);
  }

  array(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.byte(values[i]!);
  }

  /** Entropy-coded bits (count <= 16), most significant first, with 0xFF byte stuffing. */
  bits(value: number, count: number): void {
    this.#bitBuffer = (this.#bitBuffer << count) | (value & ((1 << count) - 1));
    this.#bitCount += count;
    while (this.#bitCount >= 8) {
      this.#bitCount -= 8;
      const b = (this.#bitBuffer >> this.#bitCount) & 0xff;
      this.byte(b);
      if (b === 0xff) this.byte(0);
    }
    this.#bitBuffer &= (1 << this.#bitCount) - 1;
  }

  flushBits(): void {
    if (this.#bitCount > 0) this.bits(0xff, 8 - this.#bitCount);
  }
}

function bitLength(v: number): number {
  let n = 0;
  for (let a = Math.abs(v); a > 0; a >>= 1) n++;
  return n;
}

const coef = new Int32Array(64);

function encodeBlock(out: ByteWriter, block: Float64Array, scale: Float64Array, prevDc: number, dc: HuffmanTable, ac: HuffmanTable): number {
  for (let y = 0; y < 8; y++) fdct8(block, y * 8, 1);
  for (let x = 0; x < 8; x++) fdct8(block, x, 8);
  for (let k = 0; k < 64; k++) coef[k] = Math.round(block[k]! * scale[k]!);
  const dcValue = coef[0]!;
  const diff = dcValue - prevDc;
  const dcCat = bitLength(diff);
  out.bits(dc.codes[dcCat]!, dc.lengths[dcCat]!);
  if (dcCat > 0) out.bits(diff < 0 ? diff + (1 << dcCat) - 1 : diff, dcCat);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const v = coef[ZIGZAG[k]!]!;
    if (v === 0) {
      run++;
      continue;
    }
    while (run >= 16) {
      out.bits(ac.codes[0xf0]!, ac.lengths[0xf0]!);
      run -= 16;
    }
    const cat = bitLength(v);
    const symbol = (run << 4) | cat;
    out.bits(ac.codes[symbol]!, ac.lengths[symbol]!);
    out.bits(v < 0 ? v + (1 << cat) - 1 : v, cat);
    run = 0;
  }
  if (run > 0) out.bits(ac.codes[0]!, ac.lengths[0]!);
  return dcValue;
}

function writeHuffman(out: ByteWriter, tableClass: number, id: number, bits: readonly number[], values: readonly number[]): void {
  out.byte((tableClass << 4) | id);
  out.array(bits);
  out.array(values);
}

/** Encodes RGBA pixels (4 bytes a pixel, alpha ignored) as a baseline JPEG. */
export function encodeJpeg(rgba: Uint8Array, width: number, height: number, quality = 80): Uint8Array {
  if (width < 1 || height < 1 || width > 65535 || height > 65535 || rgba.length < width * height * 4) {
    throw new TypeError(`encodeJpeg: ${width}x${height} does not fit ${rgba.length} RGBA bytes`);
  }
  const lq = scaledQuant(LUMA_QUANT, quality);
  const cq = scaledQuant(CHROMA_QUANT, quality);
  const ls = divisors(lq);
  const cs = divisors(cq);
  const out = new ByteWriter();
  out.array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  out.array([0xff, 0xdb]);
  out.word(2 + 2 * 65);
  out.byte(0);
  for (let k = 0; k < 64; k++) out.byte(lq[ZIGZAG[k]!]!);
  out.byte(1);
  for (let k = 0; k < 64; k++) out.byte(cq[ZIGZAG[k]!]!);
  out.array([0xff, 0xc0]);
  out.word(17);
  out.byte(8);
  out.word(height);
  out.word(width);
  out.array([3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
  out.array([0xff, 0xc4]);
  out.word(2 + 4 * 17 + DC_VALUES.length * 2 + AC_LUMA_VALUES.length + AC_CHROMA_VALUES.length);
  writeHuffman(out, 0, 0, DC_LUMA_BITS, DC_VALUES);
  writeHuffman(out, 1, 0, AC_LUMA_BITS, AC_LUMA_VALUES);
  writeHuffman(out, 0, 1, DC_CHROMA_BITS, DC_VALUES);
  writeHuffman(out, 1, 1, AC_CHROMA_BITS, AC_CHROMA_VALUES);
  out.array([0xff, 0xda]);
  out.word(12);
  out.array([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);

  const yBlock = new Float64Array(64);
  const cbBlock = new Float64Array(64);
  const crBlock = new Float64Array(64);
  let dcY = 0;
  let dcCb = 0;
  let dcCr = 0;
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) {
        const py = Math.min(height - 1, by + y);
        for (let x = 0; x < 8; x++) {
          const px = Math.min(width - 1, bx + x);
          const o = (py * width + px) * 4;
          const r = rgba[o]!;
          const g = rgba[o + 1]!;
          const b = rgba[o + 2]!;
          const k = y * 8 + x;
          yBlock[k] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
          cbBlock[k] = -0.168736 * r - 0.331264 * g + 0.5 * b;
          crBlock[k] = 0.5 * r - 0.418688 * g - 0.081312 * b;
        }
      }
      dcY = encodeBlock(out, yBlock, ls, dcY, DC_LUMA, AC_LUMA);
      dcCb = encodeBlock(out, cbBlock, cs, dcCb, DC_CHROMA, AC_CHROMA);
      dcCr = encodeBlock(out, crBlock, cs, dcCr, DC_CHROMA, AC_CHROMA);
    }
  }
  out.flushBits();
  out.array([0xff, 0xd9]);
  return out.written();
}
