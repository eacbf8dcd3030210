/** The one key (file name) of a data set's lock, at the top of a folder or an S3 prefix. */
export const LOCK_KEY = "cat-harvest.lock";

/**
 * Where one medium keeps its lock, and how it creates it exclusively. Each adapter package
 * provides one (`createFsLock`, `createTarLock`, `createS3Lock`, `createMemoryLock`);
 * `acquireLock` holds the rules (staleness, heartbeat, release).
 */
export interface LockStore {
  /** Where the lock is, for messages: a path, or `s3://bucket/prefix/cat-harvest.lock`. */
  readonly location: string;
  /**
   * Creates the lock holding `record` only if no lock exists; resolves `false` when one does.
   * Atomic on every medium that supports it (see each adapter's README).
   */
  create(record: Uint8Array): Promise<boolean>;
  /** The lock's bytes, or `null` when there is none. A lock being written may read torn. */
  read(): Promise<Uint8Array | null>;
  /** Replaces the lock's bytes (a heartbeat, a takeover). */
  write(record: Uint8Array): Promise<void>;
  /** Removes the lock; no error when there is none. */
  remove(): Promise<void>;
}
