import { StorageError } from "@cat-harvest/storage";

/** What to do about a file-system error code, for messages. */
const FIXES: Record<string, string> = {
  ENOSPC: "free some disk space and run again; stored files are kept",
  EDQUOT: "raise the disk quota or free space and run again",
  EACCES: "make the folder writable for this user (or pick another root)",
  EPERM: "make the folder writable for this user (or pick another root)",
  EROFS: "the file system is read-only; pick a writable root",
  ENOTDIR: "a folder in the key is a stored file; use a different key",
  EISDIR: "the key names an existing folder; use a different key",
  ENOTEMPTY: "the key names an existing folder; use a different key",
  ENAMETOOLONG: "shorten the key's file or folder names",
  EMFILE: "too many open files; lower the download concurrency or raise the open-file limit",
};

/**
 * A file-system failure in the fs adapter. `code` is the system error code (`ENOSPC`, …)
 * when there was one; the original error is the `cause`.
 */
export class FsStorageError extends StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-fs.FsStorageError");
  override name: string = "FsStorageError";
  /** The adapter method that failed: `put`, `stat`, `get`, `list`, `delete`, `open`. */
  readonly operation: string;
  /** The key concerned, or `""` for the root. */
  readonly key: string;
  /** The absolute path the operation touched. */
  readonly path: string;
  /** The system error code, e.g. `ENOSPC`, when there was one. */
  readonly code: string | undefined;

  constructor(operation: string, key: string, path: string, cause: unknown, detail?: string) {
    const code =
      typeof cause === "object" && cause !== null && typeof (cause as { code?: unknown }).code === "string" ? (cause as { code: string }).code : undefined;
    const reason = detail ?? (cause instanceof Error ? cause.message : String(cause));
    const fix = code ? FIXES[code] : undefined;
    super(`fs storage could not ${operation} ${key ? JSON.stringify(key) : "its root"} at ${path}: ${reason}${fix ? `. Fix: ${fix}` : ""}`, { cause });
    this.operation = operation;
    this.key = key;
    this.path = path;
    this.code = code;
  }
}

/** A put whose body length differed from the `size` it announced; nothing was stored. */
export class FsStorageSizeMismatchError extends FsStorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-fs.FsStorageSizeMismatchError");
  override name = "FsStorageSizeMismatchError" as const;
  readonly expected: number;
  readonly actual: number;
  constructor(key: string, path: string, expected: number, actual: number) {
    super(
      "put",
      key,
      path,
      undefined,
      `the body had ${actual} bytes but put was told size ${expected}; nothing was stored. Pass the body's real length as size, or leave size out`,
    );
    this.expected = expected;
    this.actual = actual;
  }
}
