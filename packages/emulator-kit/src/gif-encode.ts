import { PALETTE } from "./palette.js";

/** Packs LZW codes least significant bit first and cuts them into GIF sub-blocks. */
class CodeWriter {
  readonly bytes: number[] = [];
  #buffer = 0;
  #count = 0;

  code(value: number, size: number): void {
    this.#buffer |= value << this.#count;
    this.#count += size;
    while (this.#count >= 8) {
      this.bytes.push(this.#buffer & 0xff);
      this.#buffer >>>= 8;
      this.#count -= 8;
    }
  }

  flush(): void {
    if (this.#count > 0) this.bytes.push(this.#buffer & 0xff);
    this.#count = 0;
    this.#buffer = 0;
  }
}

/** GIF's variable-length LZW with 8-bit symbols, a clear code whenever the table is full. */
function lzw(indexes: Uint8Array): number[] {
  const clear = 256;
  const end = 257;
  const out = new CodeWriter();
  let table = new Map<number, number>();
  let next = 258;
  let size = 9;
  out.code(clear, size);
  let prefix = indexes[0]!;
  for (let i = 1; i < indexes.length; i++) {
    const symbol = indexes[i]!;
    const key = prefix * 256 + symbol;
    const known = table.get(key);
    if (known !== undefined) {
      prefix = known;
      continue;
    }
    out.code(prefix, size);
    if (next < 4096) {
      table.set(key, next++);
      if (next > 1 << size && size < 12) size++;
    } else {
      out.code(clear, size);
      table = new Map();
      next = 258;
      size = 9;
    }
    prefix = symbol;
  }
  out.code(prefix, size);
  out.code(end, size);
  out.flush();
  return out.bytes;
}

/** Data in sub-blocks of at most 255 bytes, each after its length, then the 0 terminator. */
export function gifSubBlocks(data: ArrayLike<number>): Uint8Array {
  const blocks = Math.ceil(data.length / 255);
  const out = new Uint8Array(data.length + blocks + 1);
  let at = 0;
  for (let i = 0; i < data.length; i += 255) {
    const n = Math.min(255, data.length - i);
    out[at++] = n;
    for (let k = 0; k < n; k++) out[at++] = data[i + k]!;
  }
  out[at] = 0;
  return out;
}

/**
 * Encodes palette indexes (one byte a pixel, into `PALETTE`) as a one-frame GIF89a with a
 * global 256-colour table. Deterministic on every runtime.
 */
export function encodeGif(indexes: Uint8Array, width: number, height: number): Uint8Array {
  if (width < 1 || height < 1 || width > 65535 || height > 65535 || indexes.length < width * height) {
    throw new TypeError(`encodeGif: ${width}x${height} does not fit ${indexes.length} palette indexes`);
  }
  const data = gifSubBlocks(lzw(indexes.subarray(0, width * height)));
  const header = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, width & 0xff, width >> 8, height & 0xff, height >> 8, 0xf7, 0, 0];
  const descriptor = [0x2c, 0, 0, 0, 0, width & 0xff, width >> 8, height & 0xff, height >> 8, 0, 8];
  const out = new Uint8Array(header.length + PALETTE.length + descriptor.length + data.length + 1);
  out.set(header, 0);
  out.set(PALETTE, header.length);
  out.set(descriptor, header.length + PALETTE.length);
  out.set(data, header.length + PALETTE.length + descriptor.length);
  out[out.length - 1] = 0x3b;
  return out;
}
