import { unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  checkPutArguments,
  type PutOptions,
  readOnlyError,
  type StorageAdapter,
  type StorageBody,
  StorageClosedError,
  type StoredObjectInfo,
  validatePrefix,
} from "@cat-harvest/storage";
import { appendObject } from "./append-object.js";
import { FsStorageError } from "./errors.js";
import { openFileStream } from "./file-stream.js";
import { readFileRange } from "./fs-calls.js";
import { type FsStorageOptions, type FsyncMode, resolveFsStorageOptions } from "./fs-storage-options.js";
import { listFiles } from "./list-files.js";
import { openRoot } from "./open-root.js";
import { removeTemporaryFiles } from "./remove-temporary-files.js";
import { KnownFolders, safeFolder } from "./safe-folder.js";
import { checkKey, locateFile, type RootFolder } from "./stored-file.js";
import { syncFolder } from "./sync-folder.js";
import { writeObject } from "./write-object.js";

/** The fs adapter: a `StorageAdapter` plus where it writes. */
export interface FsStorage extends StorageAdapter {
  /** The root's real absolute path (symbolic links in the given root resolved). */
  readonly root: string;
  /** The fsync mode in force. */
  readonly fsync: FsyncMode;
  /** How many temporary files from an earlier, killed run were removed on open. */
  readonly removedTemporaryFiles: number;
  /** Whether it was opened with `readOnly: true`. */
  readonly readOnly: boolean;
}

/**
 * Opens a folder as storage: creates it when missing, removes temporary files a killed run
 * left, and returns an adapter whose puts write to a temporary name beside the target and
 * rename it into place, so no partial file ever carries a final name. With `readOnly: true`
 * it only reads an existing folder and changes nothing.
 *
 * @example
 * const storage = await createFsStorage({ root: "./cat_breeds" });
 * await storage.put("Bengal/123-1.jpg", response.body!);
 * await storage.close();
 */
export async function createFsStorage(options: FsStorageOptions): Promise<FsStorage> {
  const { fsync, durable, readOnly, ...resolved } = resolveFsStorageOptions(options);
  const root = await openRoot(resolved.root, readOnly);
  const removedTemporaryFiles = resolved.removeTemporaryFiles ? await removeTemporaryFiles(root) : 0;
  const place: RootFolder = { root, known: new KnownFolders() };
  let closed = false;
  const ensureOpen = (operation: string) => {
    if (closed) throw new StorageClosedError("fs", operation);
  };
  const inFlight = new Set<Promise<unknown>>();

  return {
    name: "fs",
    capabilities: { read: true, list: true, replace: !readOnly, write: !readOnly },
    root,
    fsync,
    removedTemporaryFiles,
    readOnly,

    async put(key: string, body: StorageBody, options?: PutOptions) {
      checkPutArguments("fs", key, body, options);
      const segments = checkKey(key);
      if (readOnly) {
        const error = readOnlyError("fs", `put ${JSON.stringify(key)}`);
        if (body instanceof ReadableStream && !body.locked) await body.cancel(error).catch(() => {});
        throw error;
      }
      ensureOpen("put");
      options?.signal?.throwIfAborted();
      const task = writeObject(place, key, segments, body, options, durable(key));
      inFlight.add(task);
      try {
        await task;
      } catch (error) {
        // A put that failed before reading its body (a folder it could not create, say)
        // still tells the body's source to stop, as a put that failed mid-way does.
        if (body instanceof ReadableStream && !body.locked) await body.cancel(error).catch(() => {});
        throw error;
      } finally {
        inFlight.delete(task);
      }
    },

    async stat(key: string): Promise<StoredObjectInfo | null> {
      checkKey(key);
      ensureOpen("stat");
      const found = await locateFile(place, key, "stat");
      return found ? { key, size: found.size, stamp: found.stamp } : null;
    },

    async append(key: string, bytes: Uint8Array) {
      if (!(bytes instanceof Uint8Array)) throw new TypeError(`fs append of ${JSON.stringify(key)}: bytes must be a Uint8Array`);
      const segments = checkKey(key);
      ensureOpen("append");
      const task = appendObject(place, key, segments, bytes, durable(key));
      inFlight.add(task);
      try {
        await task;
      } finally {
        inFlight.delete(task);
      }
    },

    async get(key: string) {
      checkKey(key);
      ensureOpen("get");
      const found = await locateFile(place, key, "get");
      return found ? openFileStream(key, found.path) : null;
    },

    async getRange(key: string, start: number, end: number) {
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
        throw new TypeError(`fs getRange of ${JSON.stringify(key)}: start and end must be whole numbers with 0 <= start <= end, got ${start} and ${end}`);
      }
      const segments = checkKey(key);
      ensureOpen("getRange");
      const folder = await safeFolder(root, segments.slice(0, -1), key, { create: false, operation: "getRange", known: place.known });
      if (folder === null) return null;
      const path = join(folder, segments[segments.length - 1]!);
      try {
        return await readFileRange(path, start, end - start);
      } catch (error) {
        throw new FsStorageError("getRange", key, path, error);
      }
    },

    async *list(prefix?: string) {
      const p = validatePrefix(prefix);
      ensureOpen("list");
      const slash = p.lastIndexOf("/");
      const folders = slash === -1 ? [] : p.slice(0, slash).split("/");
      const start = await safeFolder(root, folders, p, { create: false, operation: "list" });
      if (start === null) return;
      yield* listFiles(start, folders.length ? folders.join("/") + "/" : "", p);
    },

    async delete(key: string) {
      checkKey(key);
      if (readOnly) throw readOnlyError("fs", `delete ${JSON.stringify(key)}`);
      ensureOpen("delete");
      const found = await locateFile(place, key, "delete");
      if (!found) return false;
      try {
        await unlink(found.path);
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return false;
        throw new FsStorageError("delete", key, found.path, error);
      }
      if (durable(key)) await syncFolder(dirname(found.path));
      return true;
    },

    async close() {
      closed = true;
      // Puts already streaming finish (or fail) before close resolves.
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
