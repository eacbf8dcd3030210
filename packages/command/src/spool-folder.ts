import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorageAdapter } from "@cat-harvest/storage";
import { createFsStorage } from "@cat-harvest/storage-fs";

/** A folder in the OS temp dir for a run's spooled bodies, removed with everything in it. */
export interface SpoolFolder {
  readonly storage: StorageAdapter;
  readonly path: string;
  remove(): Promise<void>;
}

/**
 * The spool of a `webdataset` run into an S3 prefix: in DEST each photo would be put, read back
 * once for its shard's tar and deleted, three requests a photo; on local disk an attempt's photos
 * are appended to one file and read back by range (the engine's append spool: storage-fs has
 * `append` and `getRange`), and the tar is the only upload. Not fsynced: a spooled body outlives
 * no crash (its shard is redone). Other destinations spool in DEST itself (`undefined`).
 */
export async function openSpoolFolder(format: string | undefined, destinationKind: string): Promise<SpoolFolder | undefined> {
  if (format !== "webdataset" || destinationKind !== "s3") return undefined;
  const path = await mkdtemp(join(tmpdir(), "cat-harvest-spool-"));
  const storage = await createFsStorage({ root: path, fsync: "never", removeTemporaryFiles: false });
  return {
    storage,
    path,
    async remove() {
      await storage.close().catch(() => {});
      await rm(path, { recursive: true, force: true });
    },
  };
}
