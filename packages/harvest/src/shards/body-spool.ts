import type { StorageAdapter } from "@cat-harvest/storage";
import { AppendSpool, type AppendMedium } from "./append-spool.js";

/** Where one `webdataset` attempt's bodies wait for its tar. */
export interface BodySpool {
  /** What the downloader puts the bodies into, each under its row's spool key. */
  readonly storage: StorageAdapter;
  /** The body put under `key`, for the tar. */
  read(key: string): Promise<ReadableStream<Uint8Array> | Uint8Array>;
  /** Removes what this attempt spooled (`keys`: every key a body may have been put under). */
  remove(keys: Iterable<string>): Promise<void>;
}

/** The file of an attempt's spool folder that bodies read whole are appended to. */
export const SPOOL_BODIES = "bodies";

/**
 * The spool of one attempt under `folder` (`_spool/<shard>/<attempt>/`). On a medium that can
 * append and read a range (a folder), bodies put whole go to one append-only file,
 * `<folder>bodies` (`AppendSpool`): no file is made, read back and deleted per photo. On any
 * other medium (S3, memory) each body is an object of its own under its key.
 */
export function openBodySpool(medium: StorageAdapter, folder: string): BodySpool {
  if (medium.append && medium.getRange) return new AppendSpool(medium as AppendMedium, `${folder}${SPOOL_BODIES}`);
  return {
    storage: medium,
    async read(key) {
      const body = await medium.get(key);
      if (!body) throw new Error(`the downloaded body spooled as ${key} is gone from ${medium.name} storage`);
      return body;
    },
    async remove(keys) {
      for (const key of keys) await medium.delete(key).catch(() => false);
    },
  };
}
