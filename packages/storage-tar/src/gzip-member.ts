import { crc32, deflateRaw, deflateRawSync, inflateRawSync } from "node:zlib";
import { promisify } from "node:util";

const deflateRawAsync = promisify(deflateRaw);

/** Bytes of the end-of-archive member and of the empty member that later replaces it. */
export const TAIL_MEMBER_SIZE = 64;
/** Tar's end-of-archive marker: two zero blocks. */
export const END_OF_ARCHIVE = new Uint8Array(1024);

const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const FHCRC = 2;

function header(flags: number): Uint8Array {
  // No name, no time (mtime 0), OS 255 "unknown": members are identical wherever they are made.
  return new Uint8Array([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 255]);
}

function trailer(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, crc32(data) >>> 0, true);
  view.setUint32(4, data.byteLength >>> 0, true);
  return out;
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** One complete gzip member holding `data`, compressed off the main thread. */
export async function gzipMember(data: Uint8Array, level: number): Promise<Uint8Array> {
  const deflated = new Uint8Array(await deflateRawAsync(data, { level }));
  return join([header(0), deflated, trailer(data)]);
}

/**
 * A gzip member of exactly `size` bytes holding `data`, padded with a comment field
 * (FCOMMENT, which gzip skips silently even with -v, unlike an extra field). Used for the
 * end-of-archive member and for the empty member that replaces it when an entry is
 * committed: equal sizes let one small positional write switch between them.
 */
export function fixedSizeMember(data: Uint8Array, size: number): Uint8Array {
  const deflated = new Uint8Array(deflateRawSync(data, { level: 9 }));
  // header(10) + comment + NUL + deflate + trailer(8)
  const padding = size - 10 - 1 - deflated.byteLength - 8;
  if (padding < 0) throw new RangeError(`A gzip member of ${size} bytes cannot hold ${data.byteLength} bytes`);
  const comment = new Uint8Array(padding + 1).fill(0x20);
  comment[padding] = 0;
  return join([header(FCOMMENT), comment, deflated, trailer(data)]);
}

/** The member that ends the archive: tar's two zero blocks. */
export const tailMember = (): Uint8Array => fixedSizeMember(END_OF_ARCHIVE, TAIL_MEMBER_SIZE);
/** What a tail member becomes once entries follow it: an empty member of the same size. */
export const emptyMember = (): Uint8Array => fixedSizeMember(new Uint8Array(0), TAIL_MEMBER_SIZE);

/** The outcome of decoding the gzip member at one offset. */
export type MemberRead =
  | { readonly kind: "member"; readonly data: Uint8Array; readonly length: number }
  /** The file ends inside this member (an interrupted write), or only zero padding remains. */
  | { readonly kind: "truncated" }
  | { readonly kind: "corrupt"; readonly problem: string };

/** The largest gzip member decoded in one piece (storage-tar writes members of about 64 KiB). */
export const MAX_MEMBER_BYTES = 16 * 1024 * 1024;
/** The most one member may expand to. */
const MAX_MEMBER_OUTPUT = 256 * 1024 * 1024;

/**
 * Decodes the gzip member at `offset`. `read(offset, length)` returns up to `length`
 * bytes of the file (fewer at its end); `available` is the file's length.
 */
export async function readMember(read: (offset: number, length: number) => Promise<Uint8Array>, offset: number, available: number): Promise<MemberRead> {
  const rest = available - offset;
  let window = Math.min(rest, 128 * 1024);
  for (;;) {
    const bytes = await read(offset, window);
    const outcome = decodeMember(bytes, bytes.byteLength >= rest);
    if (outcome !== "more") return outcome;
    if (window >= rest) return { kind: "truncated" };
    if (window >= MAX_MEMBER_BYTES) {
      return { kind: "corrupt", problem: `a gzip member is larger than ${MAX_MEMBER_BYTES} bytes, more than storage-tar decodes at once` };
    }
    window = Math.min(rest, window * 4, MAX_MEMBER_BYTES);
  }
}

function decodeMember(bytes: Uint8Array, atEnd: boolean): MemberRead | "more" {
  if (bytes.every((b) => b === 0)) return atEnd ? { kind: "truncated" } : "more";
  if (bytes.byteLength < 10) return atEnd ? { kind: "truncated" } : "more";
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { kind: "corrupt", problem: "expected a gzip member (magic bytes 1f 8b)" };
  if (bytes[2] !== 8) return { kind: "corrupt", problem: "a gzip member uses an unknown compression method" };
  const flags = bytes[3]!;
  let at = 10;
  if (flags & FEXTRA) {
    if (bytes.byteLength < at + 2) return atEnd ? { kind: "truncated" } : "more";
    at += 2 + (bytes[at]! | (bytes[at + 1]! << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (flags & flag) {
      const end = bytes.indexOf(0, at);
      if (end < 0) return atEnd ? { kind: "truncated" } : "more";
      at = end + 1;
    }
  }
  if (flags & FHCRC) at += 2;
  if (bytes.byteLength < at) return atEnd ? { kind: "truncated" } : "more";
  let result: { buffer: Uint8Array; engine: { bytesWritten: number } };
  try {
    result = inflateRawSync(bytes.subarray(at), { info: true, maxOutputLength: MAX_MEMBER_OUTPUT }) as unknown as typeof result;
  } catch (error) {
    if ((error as { code?: string }).code === "Z_BUF_ERROR") return atEnd ? { kind: "truncated" } : "more";
    return { kind: "corrupt", problem: `a gzip member does not inflate (${(error as Error).message})` };
  }
  const end = at + result.engine.bytesWritten;
  if (bytes.byteLength < end + 8) return atEnd ? { kind: "truncated" } : "more";
  const data = new Uint8Array(result.buffer.buffer, result.buffer.byteOffset, result.buffer.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset + end, 8);
  if (view.getUint32(0, true) !== crc32(data) >>> 0 || view.getUint32(4, true) !== data.byteLength >>> 0) {
    return { kind: "corrupt", problem: "a gzip member fails its CRC check" };
  }
  return { kind: "member", data, length: end + 8 };
}
