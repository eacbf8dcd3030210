import { StorageError } from "@cat-harvest/storage";

/** The base of the errors only the tar adapter throws. It is also a `StorageError`. */
export class TarStorageError extends StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-tar.TarStorageError");
  override name: string = "TarStorageError";
}

/** A body without `options.size` that is longer than `maxEntrySize`, the most the adapter buffers. */
export class TarEntryTooLargeError extends TarStorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-tar.TarEntryTooLargeError");
  override name = "TarEntryTooLargeError" as const;
  readonly key: string;
  readonly limit: number;
  constructor(key: string, limit: number, options?: ErrorOptions) {
    super(
      `tar storage cannot store ${JSON.stringify(key)}: its body has no size and is longer than maxEntrySize (${limit} bytes), ` +
        `the most it buffers. Pass options.size so the entry streams, or raise maxEntrySize.`,
      options,
    );
    this.key = key;
    this.limit = limit;
  }
}

/** A body that is longer or shorter than the `options.size` it was put with. */
export class TarSizeMismatchError extends TarStorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-tar.TarSizeMismatchError");
  override name = "TarSizeMismatchError" as const;
  readonly key: string;
  readonly expected: number;
  /** Bytes received when the mismatch was found (for a long body, the first count past `expected`). */
  readonly received: number;
  constructor(key: string, expected: number, received: number, options?: ErrorOptions) {
    super(
      `tar storage did not store ${JSON.stringify(key)}: put was told size ${expected} but the body ` +
        `${received > expected ? `went past it (${received} bytes so far)` : `ended after ${received} bytes`}. ` +
        `Pass the body's exact length as options.size, or leave size out to buffer it.`,
      options,
    );
    this.key = key;
    this.expected = expected;
    this.received = received;
  }
}

/** An existing file at `path` that the adapter cannot read or safely append to. */
export class TarArchiveError extends TarStorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-tar.TarArchiveError");
  override name = "TarArchiveError" as const;
  readonly path: string;
  /** Byte offset in the file where the problem is, when there is one. */
  readonly offset: number | undefined;
  /** What failed: opening the archive (nothing was changed) or reading an entry back. */
  readonly operation: "open" | "read";
  constructor(path: string, problem: string, offset?: number, options?: ErrorOptions & { operation?: "open" | "read" }) {
    const operation = options?.operation ?? "open";
    super(
      `tar storage cannot ${operation} ${path}: ${problem}${offset === undefined ? "" : ` (at byte ${offset})`}. ` +
        (operation === "open"
          ? "Nothing in it was changed; move the file aside or choose another path."
          : "The file changed or was damaged after it was opened; check it with tar -tvf."),
      options,
    );
    this.operation = operation;
    this.path = path;
    this.offset = offset;
  }
}

/**
 * A key that would make the archive unextractable: it names a folder of a stored key
 * (`Bengal` when `Bengal/1-1.jpg` is stored), or one of its folders is a stored key.
 */
export class TarKeyConflictError extends TarStorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-tar.TarKeyConflictError");
  override name = "TarKeyConflictError" as const;
  readonly key: string;
  /** The stored key it collides with. */
  readonly conflictsWith: string;
  constructor(key: string, conflictsWith: string, options?: ErrorOptions) {
    super(
      `tar storage did not store ${JSON.stringify(key)}: the archive holds ${JSON.stringify(conflictsWith)}, and a path cannot be ` +
        `both a file and a folder when the archive is extracted. Choose a different key.`,
      options,
    );
    this.key = key;
    this.conflictsWith = conflictsWith;
  }
}

/** What to do about a system error code met while writing the archive, for messages. */
const WRITE_FIXES: Record<string, string> = {
  ENOSPC: "free some disk space (or choose an archive path on another disk) and run again",
  EDQUOT: "raise the disk quota or free some space, and run again",
  EFBIG: "the file system cannot hold a file this large; choose an archive path on another file system",
  EIO: "the disk reported an input/output error; check it, or choose an archive path on another disk",
  EROFS: "the file system is read-only; choose a writable archive path",
  EACCES: "make the archive writable for this user, or choose another path",
  EPERM: "make the archive writable for this user, or choose another path",
};

/**
 * The file system refused a write to the archive (a full disk, say). The entry was not
 * stored; every entry stored before is kept, and the archive is valid as it is.
 */
export class TarWriteError extends TarStorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-tar.TarWriteError");
  override name = "TarWriteError" as const;
  readonly path: string;
  readonly key: string;
  /** The system error code, e.g. `ENOSPC`, when there was one. */
  readonly code: string | undefined;
  constructor(path: string, key: string, cause: unknown) {
    const code = systemErrorCode(cause);
    const reason = cause instanceof Error ? cause.message : String(cause);
    const fix = (code && WRITE_FIXES[code]) ?? "check the disk and run again";
    super(
      `tar storage could not store ${JSON.stringify(key)} in the archive ${path}: ${reason}. Fix: ${fix}; ` +
        `every entry stored before is kept, and the next run continues the archive.`,
      { cause },
    );
    this.path = path;
    this.key = key;
    this.code = code;
  }
}

/** The `code` of a Node system error (`ENOSPC`...), or `undefined`. */
export function systemErrorCode(error: unknown): string | undefined {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}
