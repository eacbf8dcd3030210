import { StorageOptionError } from "@cat-harvest/storage";
import { openArchiveFile, type OpenArchiveFile } from "./archive-file.js";

/** Bodies without `options.size` are buffered up to this many bytes by default (64 MiB). */
export const DEFAULT_MAX_ENTRY_SIZE = 64 * 1024 * 1024;

export interface TarStorageOptions {
  /**
   * The archive file. Created (with its folder) when missing; an existing archive is
   * scanned and continued.
   * @example "harvest/cats.tar.gz"
   */
  readonly path: string;
  /**
   * Write gzip (a .tar.gz made of gzip members that concatenate to one tar stream).
   * @default true when `path` ends in `.gz` or `.tgz`, otherwise false
   */
  readonly gzip?: boolean;
  /**
   * The most bytes buffered for a body put without `options.size`; a longer body is
   * refused with `TarEntryTooLargeError` and nothing is stored. Bodies with a size stream
   * and have no limit.
   * @default 67_108_864 (64 MiB)
   */
  readonly maxEntrySize?: number;
  /**
   * Flush each entry to the disk (fdatasync) before its `put` resolves. `false` is faster
   * and still leaves a valid archive when the process dies, but not when the machine does.
   * @default true
   */
  readonly fsync?: boolean;
  /**
   * zlib compression level (0-9) for .tar.gz.
   * @default 6
   */
  readonly gzipLevel?: number;
  /**
   * Open the archive only to read it: the file is opened with a read-only handle and never
   * changed (no repair of an interrupted end, no truncation, no folder created); `put` and
   * `delete` reject with `StorageCapabilityError`, and `capabilities.write` is false. The
   * file must exist. Bytes after the archive's end marker (a writer's unfinished entry) are
   * ignored.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Opens the archive file. For tests (a handle whose writes fail, to see a full disk) and
   * special files; it is called with `"r"` when `readOnly`, else `"r+"`, then `"w+"` to
   * create a missing file.
   * @default (path, flags) => open(path, flags) from node:fs/promises
   */
  readonly openFile?: OpenArchiveFile;
}

/** The options with their defaults filled in. */
export interface ResolvedTarStorageOptions {
  readonly path: string;
  readonly gzip: boolean;
  readonly maxEntrySize: number;
  readonly fsync: boolean;
  readonly gzipLevel: number;
  readonly readOnly: boolean;
  readonly openFile: OpenArchiveFile;
}

/** Checks `createTarStorage`'s options (`StorageOptionError` for a missing path, `TypeError` otherwise) and fills in defaults. */
export function resolveTarStorageOptions(options: TarStorageOptions): ResolvedTarStorageOptions {
  if (typeof options !== "object" || options === null) throw new TypeError('createTarStorage needs an options object, e.g. { path: "cats.tar.gz" }');
  if (options.path === undefined || options.path === "") throw new StorageOptionError("tar", "path", 'give the archive file, e.g. { path: "cats.tar.gz" }');
  if (typeof options.path !== "string") throw new TypeError(`createTarStorage: path must be a string, got ${typeof options.path}`);
  const path = options.path;
  const gzip = options.gzip ?? /\.(gz|tgz)$/i.test(path);
  if (typeof gzip !== "boolean") throw new TypeError(`createTarStorage: gzip must be a boolean, got ${typeof gzip}`);
  const maxEntrySize = options.maxEntrySize ?? DEFAULT_MAX_ENTRY_SIZE;
  if (!Number.isSafeInteger(maxEntrySize) || maxEntrySize < 0) {
    throw new TypeError(`createTarStorage: maxEntrySize must be a whole number of bytes >= 0, got ${String(maxEntrySize)}`);
  }
  const gzipLevel = options.gzipLevel ?? 6;
  if (!Number.isInteger(gzipLevel) || gzipLevel < 0 || gzipLevel > 9) {
    throw new TypeError(`createTarStorage: gzipLevel must be an integer from 0 to 9, got ${String(gzipLevel)}`);
  }
  const readOnly = options.readOnly ?? false;
  if (typeof readOnly !== "boolean") throw new TypeError(`createTarStorage: readOnly must be a boolean, got ${typeof readOnly}`);
  const openFile = options.openFile ?? openArchiveFile;
  if (typeof openFile !== "function") throw new TypeError("createTarStorage: openFile must be a function (path, flags) => Promise<FileHandle>");
  return { path, gzip, maxEntrySize, fsync: options.fsync ?? true, gzipLevel, readOnly, openFile };
}
