import { stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { INTERNAL_PREFIX, RECORDS_CACHE_FILE, type RecordsCacheLocation } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import { createFsStorage } from "@cat-harvest/storage-fs";
import { createTarStorage } from "@cat-harvest/storage-tar";
import { checkWritableParent } from "./check-writable-parent.js";
import type { Env } from "./command-io.js";
import { CommandDestinationError } from "./errors.js";
import { loadStorageS3 } from "./load-storage-s3.js";
import { folderCacheStorage } from "./folder-cache-storage.js";
import { describeDestination, parseDestination, type Destination } from "./parse-destination.js";
import { removeSidecarLeftovers } from "./remove-sidecar-leftovers.js";
import { s3SettingsFromEnv } from "./s3-settings-from-env.js";

/** A destination checked and ready to write: its storage (opened on demand) and where the records cache goes. */
export interface OpenedDestination {
  readonly destination: Destination;
  /** For messages: `folder ./cat_breeds`, `s3://bucket/prefix`... */
  readonly description: string;
  /**
   * Opens the data set's storage. Archives are created only here, so a run that fails its
   * checks (say, refused credentials) before calling it leaves nothing behind. A folder is
   * searched for the temporary files of a killed run when opened, unless
   * `sweepTemporaryFiles` is false (a download that knows no run died in it: no walk of DEST).
   */
  openStorage(options?: { readonly sweepTemporaryFiles?: boolean }): Promise<StorageAdapter>;
  /**
   * Where the fetched records are kept: inside a folder or S3 DEST (`cat-harvest-records.jsonl.gz`,
   * a top-level file), beside an archive (`<name>.records.jsonl.gz`).
   */
  readonly cache: RecordsCacheLocation;
  /** Closes the cache's storage (the data set's storage is closed by the harvest). */
  close(): Promise<void>;
}

export interface OpenDestinationOptions {
  /**
   * Open DEST only to read it (`verify`): every adapter opens with `readOnly: true`, so
   * nothing in DEST (or beside it) is created, repaired, truncated or removed.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** `cats.tar.gz` -> `cats`, `./cat_breeds/` -> `cat_breeds`. */
function stem(path: string): string {
  return basename(resolve(path)).replace(/\.(tar\.gz|tgz|tar)$/i, "") || "dataset";
}

/**
 * Opens DEST as storage (an s3:// DEST loads the optional `@cat-harvest/storage-s3`), checking up front that it can be written (a folder's nearest
 * existing parent is writable, an S3 bucket exists and the credentials are accepted), and
 * picks where the records cache goes: inside a folder or S3 DEST (`cat-harvest-records.jsonl.gz`),
 * or beside an archive (`<name>.records.jsonl.gz`, which an archive could not replace). A
 * cache where earlier versions kept it (beside a folder, under `.cat-harvest/` in S3) is read
 * until the next cache is written inside DEST, then left alone.
 *
 * @example
 * const { storage, cache } = await openDestination("cats.tar.gz", process.env);
 */
export async function openDestination(dest: string, env: Env = {}, options: OpenDestinationOptions = {}): Promise<OpenedDestination> {
  const readOnly = options.readOnly ?? false;
  const destination = parseDestination(dest);
  // Absolute, so the user sees exactly where the data set is.
  const description = describeDestination(destination.kind === "s3" ? destination : { ...destination, path: resolve(destination.path) });
  const wrap = (error: unknown): never => {
    if (CommandDestinationError.isInstance(error)) throw error;
    throw new CommandDestinationError(dest, (error as Error)?.message ?? String(error), { cause: error });
  };
  if (destination.kind === "s3") {
    const settings = s3SettingsFromEnv(env);
    const { createS3Storage } = await loadStorageS3();
    const storage = await createS3Storage({ bucket: destination.bucket, prefix: destination.prefix, ...settings, readOnly }).catch(wrap);
    return {
      destination,
      description,
      openStorage: async () => storage,
      cache: { storage, key: RECORDS_CACHE_FILE, legacy: { storage, key: `${INTERNAL_PREFIX}/records.jsonl.gz` } },
      async close() {
        await storage.close().catch(() => {});
      },
    };
  }
  if (!readOnly) await checkWritableParent(dest, destination.path);
  const parent = dirname(resolve(destination.path));
  const sidecar = `${stem(destination.path)}.records.jsonl.gz`;
  let storage: StorageAdapter | undefined;
  const openStorage = async (options?: { readonly sweepTemporaryFiles?: boolean }) => {
    try {
      // A read-only open removes nothing, not even the leftovers of the sidecar cache.
      if (!storage && !readOnly && destination.kind !== "fs") await removeSidecarLeftovers(parent, sidecar);
      storage ??=
        destination.kind === "fs"
          ? await createFsStorage({
              root: destination.path,
              fsync: "metadata",
              // A webdataset shard's tar is made durable before its _stats.json says it is finished.
              isMetadata: (key) => /\.(jsonl|csv|json|tar)$/i.test(key),
              readOnly,
              removeTemporaryFiles: options?.sweepTemporaryFiles ?? true,
            })
          : await openArchive(destination.path, destination.gzip, readOnly);
      return storage;
    } catch (error) {
      return wrap(error);
    }
  };
  let cache: RecordsCacheLocation;
  let closeCache: () => Promise<unknown>;
  if (destination.kind === "fs") {
    // Earlier versions kept it beside the folder: read until a cache is written inside.
    const legacy = (await stat(join(parent, sidecar)).catch(() => undefined))?.isFile()
      ? { storage: await createFsStorage({ root: parent, removeTemporaryFiles: false, readOnly }).catch(wrap), key: sidecar }
      : undefined;
    const inside = folderCacheStorage(destination.path, openStorage);
    cache = { storage: inside, key: RECORDS_CACHE_FILE, ...(legacy ? { legacy } : {}) };
    closeCache = () => Promise.all([inside.close(), legacy?.storage.close()]);
  } else {
    // An archive cannot replace an entry: its cache is one sidecar file beside it.
    const beside = await createFsStorage({ root: parent, fsync: "metadata", removeTemporaryFiles: false, readOnly }).catch(wrap);
    cache = { storage: beside, key: sidecar };
    closeCache = () => beside.close();
  }
  return {
    destination,
    description,
    cache,
    openStorage,
    async close() {
      await storage?.close().catch(() => {});
      await closeCache().catch(() => {});
    },
  };
}

/** The archive adapter, opened (and scanned) now, so a file that is not an archive is refused as DEST before any work. */
async function openArchive(path: string, gzip: boolean, readOnly: boolean): Promise<StorageAdapter> {
  const storage = createTarStorage({ path, gzip, fsync: false, readOnly });
  try {
    await storage.ready();
  } catch (error) {
    await storage.close().catch(() => {});
    throw error;
  }
  return storage;
}
