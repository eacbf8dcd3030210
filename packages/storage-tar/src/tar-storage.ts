import { type PutOptions, type StorageAdapter, type StorageBody, type StoredObjectInfo, validateKey, validatePrefix } from "@cat-harvest/storage";
import { closeArchive } from "./close-archive.js";
import { deleteEntry } from "./delete-entry.js";
import { putEntry } from "./put-entry.js";
import { readEntry } from "./read-entry.js";
import { resolveTarStorageOptions, type TarStorageOptions } from "./tar-storage-options.js";
import { createTarSession, ensureOpen, whileOpen } from "./tar-session.js";
import type { EntryLocation } from "./scan-archive.js";

/** A `StorageAdapter` writing one tar or tar.gz archive. */
export interface TarStorage extends StorageAdapter {
  /** The archive's path, as given. */
  readonly path: string;
  /** Whether the archive is gzip-compressed. */
  readonly gzip: boolean;
  /** Whether it was opened with `readOnly: true`. */
  readonly readOnly: boolean;
  /**
   * Opens (and for an existing archive, scans and, unless read-only, repairs the tail of) the file now.
   * Every other method does this on first use; call it to surface a `TarArchiveError` early.
   */
  ready(): Promise<void>;
}

/**
 * Creates a storage adapter that appends entries to one tar (or tar.gz) file. Many
 * concurrent `put`s take turns; after every entry the file is a complete archive; an
 * existing archive is continued. `capabilities.replace` is false (a `supersede` put appends
 * a newer copy), and `delete` only removes the entry at the archive's end. With
 * `readOnly: true` the file is only read, never changed.
 *
 * @example
 * const storage = createTarStorage({ path: "out/cats.tar.gz" });
 * await storage.put("Bengal/1-1.jpg", new Uint8Array([0xff, 0xd8]));
 * await storage.close();
 */
export function createTarStorage(options: TarStorageOptions): TarStorage {
  const session = createTarSession(resolveTarStorageOptions(options));
  const { path, gzip } = session.options;
  const { index } = session;
  return {
    name: "tar",
    capabilities: { read: true, list: true, replace: false, write: !session.options.readOnly },
    path,
    gzip,
    readOnly: session.options.readOnly,
    async ready() {
      await session.archive();
    },

    put(key: string, body: StorageBody, putOptions?: PutOptions) {
      return whileOpen(session, putEntry(session, key, body, putOptions));
    },

    async stat(key: string): Promise<StoredObjectInfo | null> {
      validateKey(key);
      if (!session.closing) await session.archive();
      const entry = index.get(key);
      return entry ? entryInfo(entry) : null;
    },

    async get(key: string) {
      validateKey(key);
      ensureOpen(session, "get");
      const { file } = await session.archive();
      const entry = index.get(key);
      if (!entry) return null;
      return readEntry({ file, path, isClosed: () => session.closed }, entry, gzip);
    },

    async *list(prefix?: string) {
      const p = validatePrefix(prefix);
      if (!session.closing) await session.archive();
      for (const [key, entry] of index.entries()) if (key.startsWith(p)) yield entryInfo(entry);
    },

    delete(key: string) {
      return whileOpen(session, deleteEntry(session, key));
    },

    close() {
      return closeArchive(session);
    },
  };
}

/** An entry's info; its stamp is where it ends in the archive (entries are never rewritten in place). */
function entryInfo(entry: EntryLocation): StoredObjectInfo {
  return { key: entry.key, size: entry.size, stamp: String(entry.end) };
}
