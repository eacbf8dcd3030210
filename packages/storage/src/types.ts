/** What an adapter accepts as an object body. */
export type StorageBody = ReadableStream<Uint8Array> | Uint8Array;

/** What an adapter knows about one stored object. */
export interface StoredObjectInfo {
  /** The object's key: a relative path with `/` separators. */
  readonly key: string;
  /** Its length in bytes. */
  readonly size: number;
  /**
   * An opaque stamp that changes whenever the object is written again (a folder: the file's
   * modification and change times; S3: the ETag; an archive: where the entry lies), so a
   * caller that noted it can tell an object rewritten since (same size, other bytes) without
   * reading it. Equal stamps of one key mean it was not rewritten. Absent where the medium
   * has none.
   */
  readonly stamp?: string;
}

export interface PutOptions {
  /** Aborting rejects the put with the signal's reason and stores nothing. */
  readonly signal?: AbortSignal;
  /**
   * The body's length when known up front. Archives need it to write an entry header
   * before the data; without it they buffer the body.
   */
  readonly size?: number;
  /** A MIME type, for stores that keep one (S3). */
  readonly contentType?: string;
  /**
   * On a medium that cannot replace objects (`capabilities.replace` false: an archive), store
   * the body as a newer copy of a stored key instead of rejecting with `StorageKeyExistsError`.
   * The older copy stays on the medium until the newer one is whole, so a crash never leaves
   * the key without a copy; then `stat`, `get` and `list` answer with the newer one, as GNU
   * tar and Python's tarfile do (the last copy wins). A body byte-identical to the stored copy
   * is not stored again. Where `replace` is true, an ordinary put.
   * @default false
   */
  readonly supersede?: boolean;
}

/** What a storage medium can do beyond storing new objects. */
export interface StorageCapabilities {
  /**
   * `put` and `delete` may change the medium. False for an adapter opened read-only
   * (`readOnly: true`): every write method rejects with `StorageCapabilityError`, and
   * opening it changed nothing (no repair, no truncation, no temporary files).
   */
  readonly write: boolean;
  /** `get` returns stored bodies. */
  readonly read: boolean;
  /** `list` enumerates stored objects. */
  readonly list: boolean;
  /**
   * `put` on a key that is already stored replaces it. Where false (an archive, or a
   * read-only adapter), such a put rejects with `StorageKeyExistsError` unless it passes
   * `supersede: true` (see `PutOptions`).
   */
  readonly replace: boolean;
}

/**
 * One place objects go: a folder, an archive, a bucket prefix.
 *
 * Keys are relative paths with `/` separators (`Bengal/123-1.jpg`). Every method refuses a
 * key that is absolute, empty, contains a `..` or `.` segment, a NUL or other control
 * character, or a backslash, with `StorageKeyError`, and nothing is ever written outside
 * the adapter's root.
 */
export interface StorageAdapter {
  /** A short name for messages, e.g. `fs`, `tar`, `s3`, `memory`. */
  readonly name: string;
  readonly capabilities: StorageCapabilities;
  /**
   * Stores `body` under `key`, resolving only once the object is durably stored. When
   * the body stream errors or the signal aborts, it rejects and no object, partial or
   * whole, is left under `key`. A read-only adapter rejects with `StorageCapabilityError`.
   */
  put(key: string, body: StorageBody, options?: PutOptions): Promise<void>;
  /** The stored object's info, or `null` when nothing is stored under `key`. */
  stat(key: string): Promise<StoredObjectInfo | null>;
  /** The stored body, or `null`. Throws `StorageCapabilityError` unless `capabilities.read`. */
  get(key: string): Promise<ReadableStream<Uint8Array> | null>;
  /** Stored objects whose key starts with `prefix`, in no promised order. */
  list(prefix?: string): AsyncIterable<StoredObjectInfo>;
  /**
   * Removes the object; resolves `false` when there was none. Archives can only remove
   * entries at their end and throw `StorageCapabilityError` otherwise; a read-only adapter
   * always does.
   */
  delete(key: string): Promise<boolean>;
  /**
   * Adds `bytes` at the end of the object under `key`, creating it when missing, with one
   * write, so a process killed at any moment leaves either the whole addition or none of it
   * (a power cut may still leave a torn last line). Only media that can append cheaply have
   * it (a folder, memory); a journal falls back to rewriting where it is missing.
   */
  append?(key: string, bytes: Uint8Array): Promise<void>;
  /**
   * The bytes from `start` up to `end` (exclusive) of the object under `key`, read in one go;
   * fewer when the object ends before `end`, `null` when nothing is stored under `key`. Only
   * media that read a range cheaply have it (a folder): a spool that appends many bodies to one
   * object reads each back with it.
   */
  getRange?(key: string, start: number, end: number): Promise<Uint8Array | null>;
  /**
   * Finalises the medium (ends an archive, completes uploads, releases handles). Further
   * calls reject with `StorageClosedError`. Calling it twice is harmless.
   */
  close(): Promise<void>;
}
