import { TarArchiveError } from "./errors.js";
import { GzMemberSource } from "./gz-member-source.js";
import { gzAppendPoint, locateGzEntry } from "./gz-entry-location.js";
import { BLOCK, isZeroBlock, paddedSize, parseHeader, parsePax } from "./tar-header.js";

/** Reads up to `length` bytes of the archive file at `offset`. */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

/** Where one stored entry is, in file offsets. */
export interface EntryLocation {
  readonly key: string;
  readonly size: number;
  /**
   * Where the entry can be undone: for .tar its first header block; for .tar.gz the empty
   * member in front of it (or its first member when there is none). `null` when the
   * entry does not start on a gzip member boundary (an archive written by another tool).
   */
  readonly start: number | null;
  /** `true` when `start` is a tail-sized empty member that one write turns back into the end. */
  readonly atomicUndo: boolean;
  /** File offset just after the entry (its padding included; for .tar.gz the next member). */
  readonly end: number;
  /** .tar: the data's file offset. .tar.gz: the offset of the member the data starts in. */
  readonly data: number;
  /** .tar.gz: bytes of that member's output before the data. Always 0 for .tar. */
  readonly skip: number;
}

export interface ScanResult {
  /** Regular-file entries in archive order (a later entry of the same key wins). */
  readonly entries: EntryLocation[];
  /** File offset after the last complete entry: where the end-of-archive marker belongs. */
  readonly end: number;
  /** .tar.gz: `true` when a tail member (the end marker, as storage-tar writes it) already sits at `end`. */
  readonly tailInPlace: boolean;
}

/** Bytes of the decompressed tar stream, read in order. */
export interface TarSource {
  readonly position: number;
  read(length: number): Promise<Uint8Array>;
  skip(length: number): Promise<number>;
}

/** A regular-file entry of the tar stream, in offsets of the (decompressed) stream. */
export interface LogicalEntry {
  key: string;
  size: number;
  headerStart: number;
  dataStart: number;
  end: number;
}

const MAX_META = 1024 * 1024;

/** Walks the tar stream: complete regular-file entries, and where the complete part ends. */
async function walk(source: TarSource, path: string): Promise<{ entries: LogicalEntry[]; end: number }> {
  const entries: LogicalEntry[] = [];
  let chainStart = source.position;
  let longName: string | undefined;
  let pax: { path?: string; size?: number } = {};
  for (;;) {
    const at = source.position;
    const block = await source.read(BLOCK);
    if (at === 0) await checkArchiveStart(source, block, path);
    if (block.length < BLOCK) break;
    if (isZeroBlock(block)) break;
    const header = parseHeader(block);
    if (!header) {
      throw new TarArchiveError(path, "a tar header there fails its checksum, so the file is not a tar archive or is damaged", at);
    }
    if (header.type === "x" || header.type === "g" || header.type === "L" || header.type === "K") {
      if (header.size > MAX_META) throw new TarArchiveError(path, `a tar extended header is larger than ${MAX_META} bytes`, at);
      const data = await source.read(paddedSize(header.size));
      if (data.length < paddedSize(header.size)) break;
      const body = data.subarray(0, header.size);
      if (header.type === "x") pax = { ...pax, ...parsePax(body) };
      if (header.type === "L") {
        const nul = body.indexOf(0);
        longName = new TextDecoder().decode(nul < 0 ? body : body.subarray(0, nul));
      }
      continue;
    }
    const size = pax.size ?? header.size;
    const dataStart = source.position;
    const skipped = await source.skip(paddedSize(size));
    if (skipped < paddedSize(size)) break;
    if (header.type === "0" || header.type === "7") {
      entries.push({ key: pax.path ?? longName ?? header.name, size, headerStart: chainStart, dataStart, end: source.position });
    }
    chainStart = source.position;
    longName = undefined;
    pax = {};
  }
  return { entries, end: chainStart };
}

const NOT_AN_ARCHIVE = "it is not a tar archive (it does not start with a tar header or the end-of-archive marker), so it is not one this tool wrote";

/**
 * The first block decides whether the file is a tar archive at all: a header with a valid
 * checksum (checked by the walk), or the end-of-archive marker of an empty archive (two zero
 * blocks). Anything shorter or else is refused, whatever its size, so no other file is ever
 * overwritten.
 */
async function checkArchiveStart(source: TarSource, first: Uint8Array, path: string): Promise<void> {
  if (first.length < BLOCK) throw new TarArchiveError(path, NOT_AN_ARCHIVE);
  if (!isZeroBlock(first)) return;
  const second = await source.read(BLOCK);
  if (second.length < BLOCK || !isZeroBlock(second)) throw new TarArchiveError(path, NOT_AN_ARCHIVE);
}

/** Bytes read at once while scanning: headers and small members come from one read. */
const SCAN_WINDOW = 512 * 1024;

/** Serves sequential small reads from one larger read of the file. */
function readAhead(read: ReadAt, length: number): ReadAt {
  let windowStart = 0;
  let window: Uint8Array = new Uint8Array(0);
  return async (offset, want) => {
    const end = Math.min(offset + want, length);
    if (offset < windowStart || end > windowStart + window.length) {
      window = await read(offset, Math.max(want, Math.min(SCAN_WINDOW, length - offset)));
      windowStart = offset;
    }
    return window.subarray(offset - windowStart, end - windowStart);
  };
}

/** Scans a plain .tar file of `length` bytes. */
export async function scanTar(readFile: ReadAt, length: number, path: string): Promise<ScanResult> {
  const read = readAhead(readFile, length);
  let position = 0;
  const source: TarSource = {
    get position() {
      return position;
    },
    async read(n) {
      const bytes = await read(position, Math.min(n, length - position));
      position += bytes.length;
      return bytes;
    },
    async skip(n) {
      const skipped = Math.min(n, length - position);
      position += skipped;
      return skipped;
    },
  };
  const { entries, end } = await walk(source, path);
  return {
    entries: entries.map((e) => ({ key: e.key, size: e.size, start: e.headerStart, atomicUndo: true, end: e.end, data: e.dataStart, skip: 0 })),
    end,
    tailInPlace: false,
  };
}

/**
 * Scans a .tar.gz file of `length` bytes made of one or more gzip members. `appending`: find
 * where new entries go, refusing an archive whose end lies inside a gzip member (one written
 * by another tool); a reader skips that.
 */
export async function scanTarGz(readFile: ReadAt, length: number, path: string, options: { appending: boolean }): Promise<ScanResult> {
  const source = new GzMemberSource(readAhead(readFile, length), length, path);
  const walked = await walk(source, path);
  const entries = walked.entries.map((entry) => locateGzEntry(source, entry));
  if (!options.appending) return { entries, end: source.nextOffset, tailInPlace: false };
  return { entries, ...gzAppendPoint(source, walked.end, path) };
}
