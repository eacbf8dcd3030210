/** What the scanner needs from one 512-byte tar header block. */
export interface ParsedHeader {
  /** `prefix/name` from the ustar fields (pax or GNU long names override it). */
  readonly name: string;
  readonly size: number;
  /** The typeflag character ("0", "x", "L", ...); "\0" reads as "0". */
  readonly type: string;
}

export const BLOCK = 512;

const decoder = new TextDecoder();

function text(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

function numeric(block: Uint8Array, offset: number, length: number): number {
  const field = block.subarray(offset, offset + length);
  if (field[0]! & 0x80) {
    // GNU base-256: big-endian, top bit of the first byte is the marker.
    let value = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const digits = text(block, offset, length).trim();
  return digits === "" ? 0 : Number.parseInt(digits, 8);
}

/** True when every byte of `block` is zero (half of tar's end-of-archive marker). */
export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/** Parses a header block, or returns `null` when its checksum does not match (not a header). */
export function parseHeader(block: Uint8Array): ParsedHeader | null {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  const stored = numeric(block, 148, 8);
  if (!Number.isFinite(stored) || stored !== sum) return null;
  const name = text(block, 0, 100);
  const ustar = text(block, 257, 6).startsWith("ustar");
  const prefix = ustar ? text(block, 345, 155) : "";
  const size = numeric(block, 124, 12);
  if (!Number.isSafeInteger(size) || size < 0) return null;
  const flag = block[156] === 0 ? "0" : String.fromCharCode(block[156]!);
  return { name: prefix ? `${prefix}/${name}` : name, size, type: flag };
}

/** The `path` and `size` records of a pax extended header, when present. */
export function parsePax(data: Uint8Array): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  let at = 0;
  while (at < data.length && data[at] !== 0) {
    const space = data.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number.parseInt(decoder.decode(data.subarray(at, space)), 10);
    if (!Number.isSafeInteger(length) || length <= 0 || at + length > data.length) break;
    const record = decoder.decode(data.subarray(space + 1, at + length - 1));
    const eq = record.indexOf("=");
    if (eq > 0) {
      const key = record.slice(0, eq);
      const value = record.slice(eq + 1);
      if (key === "path") out.path = value;
      else if (key === "size") {
        const n = Number(value);
        if (Number.isSafeInteger(n) && n >= 0) out.size = n;
      }
    }
    at += length;
  }
  return out;
}

/** Bytes an entry of `size` bytes occupies after its header: the data padded to whole blocks. */
export const paddedSize = (size: number): number => Math.ceil(size / BLOCK) * BLOCK;
