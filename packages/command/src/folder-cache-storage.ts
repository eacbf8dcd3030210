import { stat } from "node:fs/promises";
import type { StorageAdapter } from "@cat-harvest/storage";
import { createFsStorage } from "@cat-harvest/storage-fs";

/**
 * The records cache's storage inside a folder DEST. It is read before the run opens DEST (the
 * breeds are settled first, so refused credentials fail before anything is created): reads go
 * to the folder as it is (nothing when it does not exist yet), without creating or removing
 * anything; writes go through the run's own storage of DEST, opened by then.
 */
export function folderCacheStorage(path: string, openStorage: () => Promise<StorageAdapter>): StorageAdapter {
  let reader: Promise<StorageAdapter | null> | undefined;
  const read = () =>
    (reader ??= stat(path).then(
      (info) => (info.isDirectory() ? createFsStorage({ root: path, readOnly: true }) : null),
      () => null,
    ));
  return {
    name: "fs",
    capabilities: { read: true, list: true, replace: true, write: true },
    put: async (key, body, options) => (await openStorage()).put(key, body, options),
    stat: async (key) => (await read())?.stat(key) ?? null,
    get: async (key) => (await read())?.get(key) ?? null,
    async *list(prefix) {
      const storage = await read();
      if (storage) yield* storage.list(prefix);
    },
    delete: async (key) => (await openStorage()).delete(key),
    // The run closes its storage of DEST; only the reader is this one's.
    async close() {
      await (await reader)?.close();
    },
  };
}
