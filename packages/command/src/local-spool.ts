import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFsStorage } from "@cat-harvest/storage-fs";
import type { StorageAdapter } from "@cat-harvest/storage";

/** A folder of this process's own under the system's temporary folder, for a worker's webdataset spool. */
export interface LocalSpool {
  readonly storage: StorageAdapter;
  /** Closes the storage and removes the folder. */
  remove(): Promise<void>;
}

/**
 * Opens a local spool: a worker's downloaded bodies wait there for their shard's tar instead of
 * in DEST, so an S3 DEST sees only the tar (not a PUT, a GET and a DELETE per photo). Nothing in
 * it needs to survive: an attempt that dies is redone from scratch.
 */
export async function openLocalSpool(): Promise<LocalSpool> {
  const root = await mkdtemp(join(tmpdir(), "cat-harvest-spool-"));
  const storage = await createFsStorage({ root, fsync: "never" });
  return {
    storage,
    async remove() {
      await storage.close().catch(() => {});
      await rm(root, { recursive: true, force: true });
    },
  };
}
