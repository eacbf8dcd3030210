import { lstat, mkdir, open, readdir, realpath, rename, unlink, writeFile, type FileHandle } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import {
  checkPutArguments,
  type PutOptions,
  type StorageAdapter,
  type StorageBody,
  StorageClosedError,
  StorageKeyError,
  type StoredObjectInfo,
  validateKey,
  validatePrefix,
} from "@cat-harvest/storage";
import { FsStorageError, FsStorageSizeMismatchError } from "./errors.js";
import { KnownFolders, safeFolder } from "./safe-folder.js";
import { isTemporaryName, temporaryName } from "./temp-name.js";

/**
 * When a put calls fsync. `always`: the file and its folder on every put, so a put that
 * resolved survives a power cut. `metadata`: only for keys `isMetadata` accepts (the
 * data set's *.jsonl/*.csv/*.json), photos are renamed into place without fsync (a crash
 * of the process still never leaves a partial file under a final name, but a power cut may
 * lose the last photos, which a resumed run downloads again). `never`: no fsync at all.
 */
export type FsyncMode = "always" | "metadata" | "never";

export interface FsStorageOptions {
  /**
   * The folder objects go into; created (with its parents) when missing. Relative paths
   * resolve against the current directory.
   * @example "./cat_breeds"
   */
  readonly root: string;
  /**
   * When puts call fsync; see `FsyncMode`.
   * @default "always"
   */
  readonly fsync?: FsyncMode;
  /**
   * Which keys are metadata, made durable even with `fsync: "metadata"`.
   * @default (key) => /\.(jsonl|csv|json)$/i.test(key)
   */
  readonly isMetadata?: (key: string) => boolean;
  /**
   * Remove temporary files (`.<name>.<random>.part`) a killed run left behind, when opening.
   * Only one process should write into a root at a time: a second one opening it would
   * remove the first one's files in progress.
   * @default true
   */
  readonly removeTemporaryFiles?: boolean;
}

/** The fs adapter: a `StorageAdapter` plus where it writes. */
export interface FsStorage extends StorageAdapter {
  /** The root's real absolute path (symbolic links in the given root resolved). */
  readonly root: string;
  /** The fsync mode in force. */
  readonly fsync: FsyncMode;
  /** How many temporary files from an earlier, killed run were removed on open. */
  readonly removedTemporaryFiles: number;
}

const DEFAULT_IS_METADATA = (key: string) => /\.(jsonl|csv|json)$/i.test(key);
const READ_CHUNK = 65536;
const FSYNC_MODES: readonly FsyncMode[] = ["always", "metadata", "never"];

/**
 * Opens a folder as storage: creates it when missing, removes temporary files a killed run
 * left, and returns an adapter whose puts write to a temporary name beside the target and
 * rename it into place, so no partial file ever carries a final name.
 *
 * @example
 * const storage = await createFsStorage({ root: "./cat_breeds" });
 * await storage.put("Bengal/123-1.jpg", response.body!);
 * await storage.close();
 */
export async function createFsStorage(options: FsStorageOptions): Promise<FsStorage> {
  if (typeof options !== "object" || options === null) throw new TypeError('createFsStorage needs options, e.g. { root: "./cat_breeds" }');
  if (typeof options.root !== "string" || options.root === "") throw new TypeError('createFsStorage needs options.root, the folder to write into, e.g. "./cat_breeds"');
  if (options.root.includes("\u0000")) throw new TypeError("createFsStorage: options.root contains a NUL character");
  const fsync = options.fsync ?? "always";
  if (!FSYNC_MODES.includes(fsync)) throw new TypeError(`createFsStorage: options.fsync must be "always", "metadata" or "never", got ${JSON.stringify(fsync)}`);
  const isMetadata = options.isMetadata ?? DEFAULT_IS_METADATA;
  if (typeof isMetadata !== "function") throw new TypeError("createFsStorage: options.isMetadata must be a function (key) => boolean");

  const given = resolve(options.root);
  try {
    await mkdir(given, { recursive: true });
  } catch (error) {
    throw new FsStorageError("open", "", given, error);
  }
  const root = await realpath(given).catch((error: unknown) => {
    throw new FsStorageError("open", "", given, error);
  });
  const removedTemporaryFiles = options.removeTemporaryFiles === false ? 0 : await removeTemporaryFiles(root);

  let closed = false;
  const inFlight = new Set<Promise<unknown>>();
  const known = new KnownFolders();
  const durable = (key: string) => fsync === "always" || (fsync === "metadata" && isMetadata(key));

  /** Validates a key and refuses the names this adapter keeps for its temporary files. */
  const checkKey = (key: string): string[] => {
    validateKey(key);
    const segments = key.split("/");
    if (isTemporaryName(segments[segments.length - 1]!)) {
      throw new StorageKeyError(key, "its file name has the form of the fs adapter's temporary files (.<name>.<hex>.part); rename it");
    }
    return segments;
  };

  /** The absolute path of a stored regular file, or null; `lstat` so a link is never followed. */
  const locate = async (key: string, operation: string): Promise<{ path: string; size: number } | null> => {
    const segments = checkKey(key);
    const folder = await safeFolder(root, segments.slice(0, -1), key, { create: false, operation, known });
    if (folder === null) return null;
    const path = join(folder, segments[segments.length - 1]!);
    const info = await lstat(path).catch((error: unknown) => {
      if ((error as { code?: string }).code === "ENOENT" || (error as { code?: string }).code === "ENOTDIR") return null;
      throw new FsStorageError(operation, key, path, error);
    });
    return info?.isFile() ? { path, size: info.size } : null;
  };

  const writeObject = async (key: string, segments: string[], body: StorageBody, options: PutOptions | undefined) => {
    const signal = options?.signal;
    const sync = durable(key);
    const folders = segments.slice(0, -1);
    const findFolder = async () =>
      (await safeFolder(root, folders, key, {
        create: true,
        operation: "put",
        onCreated: sync ? (parent) => syncFolder(parent) : undefined,
        known,
      }))!;
    const folder = await findFolder();
    const name = segments[segments.length - 1]!;
    const target = join(folder, name);
    const temporary = join(folder, temporaryName(name));
    // Creates the temporary file; a known folder removed behind our back is made again, once.
    const createTemporary = async <T>(create: () => Promise<T>): Promise<T> => {
      try {
        return await create();
      } catch (error) {
        if ((error as { code?: string }).code !== "ENOENT" || folders.length === 0) throw error;
        known.forget(join(root, folders[0]!));
        await findFolder();
        return create();
      }
    };
    const putError = (error: unknown, path: string) =>
      FsStorageError.isInstance(error) || StorageKeyError.isInstance(error) ? error : new FsStorageError("put", key, path, error);
    signal?.throwIfAborted();
    if (body instanceof Uint8Array && !sync) {
      // A whole body with no fsync: one call writes it (one thread-pool trip under Bun).
      if (options?.size !== undefined && body.byteLength !== options.size) throw new FsStorageSizeMismatchError(key, target, options.size, body.byteLength);
      try {
        await createTemporary(() => writeFile(temporary, body, { flag: "wx" }));
        signal?.throwIfAborted();
        await rename(temporary, target);
      } catch (error) {
        await unlink(temporary).catch(() => {});
        if (signal?.aborted) throw signal.reason;
        throw putError(error, target);
      }
      return;
    }
    let handle: FileHandle | undefined = await createTemporary(() => open(temporary, "wx")).catch((error: unknown) => {
      throw putError(error, temporary);
    });
    try {
      const written = await writeBody(handle, body, signal, (error) => new FsStorageError("put", key, temporary, error));
      signal?.throwIfAborted();
      if (options?.size !== undefined && written !== options.size) throw new FsStorageSizeMismatchError(key, target, options.size, written);
      try {
        if (sync) await handle.sync();
        await handle.close();
        handle = undefined;
        await rename(temporary, target);
      } catch (error) {
        throw new FsStorageError("put", key, target, error);
      }
    } catch (error) {
      await handle?.close().catch(() => {});
      await unlink(temporary).catch(() => {});
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
    // The rename is only durable once the folder's entry is on disk.
    if (sync) await syncFolder(folder);
  };

  const storage: FsStorage = {
    name: "fs",
    capabilities: { read: true, list: true, replace: true },
    root,
    fsync,
    removedTemporaryFiles,

    async put(key: string, body: StorageBody, options?: PutOptions) {
      checkPutArguments("fs", key, body, options);
      const segments = checkKey(key);
      if (closed) throw new StorageClosedError("fs", "put");
      options?.signal?.throwIfAborted();
      const task = writeObject(key, segments, body, options);
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
      if (closed) throw new StorageClosedError("fs", "stat");
      const found = await locate(key, "stat");
      return found ? { key, size: found.size } : null;
    },

    async get(key: string) {
      checkKey(key);
      if (closed) throw new StorageClosedError("fs", "get");
      const found = await locate(key, "get");
      if (!found) return null;
      let handle: FileHandle;
      try {
        handle = await open(found.path, "r");
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return null;
        throw new FsStorageError("get", key, found.path, error);
      }
      return fileStream(handle, (error) => new FsStorageError("get", key, found.path, error));
    },

    async *list(prefix?: string) {
      const p = validatePrefix(prefix);
      if (closed) throw new StorageClosedError("fs", "list");
      const slash = p.lastIndexOf("/");
      const folders = slash === -1 ? [] : p.slice(0, slash).split("/");
      const start = await safeFolder(root, folders, p, { create: false, operation: "list" });
      if (start === null) return;
      for await (const info of walk(start, folders.length ? folders.join("/") + "/" : "", p)) yield info;
    },

    async delete(key: string) {
      checkKey(key);
      if (closed) throw new StorageClosedError("fs", "delete");
      const found = await locate(key, "delete");
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
      // Puts already streaming finish (or fail) before close resolves: close finalises.
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
  return storage;
}

/** Writes a body to `handle`; returns the byte count. Rejects with the signal's reason on abort. */
async function writeBody(
  handle: FileHandle,
  body: StorageBody,
  signal: AbortSignal | undefined,
  ioError: (error: unknown) => FsStorageError,
): Promise<number> {
  if (body instanceof Uint8Array) {
    await writeAll(handle, body).catch((error: unknown) => {
      throw ioError(error);
    });
    return body.byteLength;
  }
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  let written = 0;
  let finished = false;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      signal?.throwIfAborted();
      await writeAll(handle, value).catch((error: unknown) => {
        throw ioError(error);
      });
      written += value.byteLength;
    }
    finished = true;
    return written;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // On a disk error, tell the source to stop (a download's body, say).
    if (!finished) await reader.cancel(signal?.reason).catch(() => {});
    reader.releaseLock();
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
    offset += bytesWritten;
  }
}

/** fsync a folder so a rename or a new entry in it survives a power cut. */
async function syncFolder(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, "r");
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a folder; there the rename is what we have.
    const code = (error as { code?: string }).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EBADF" && code !== "EACCES") {
      throw new FsStorageError("put", "", path, error, `could not fsync the folder: ${(error as Error).message}`);
    }
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** A web stream over an open file; the handle closes at the end, on error and on cancel. */
function fileStream(handle: FileHandle, ioError: (error: unknown) => FsStorageError): ReadableStream<Uint8Array> {
  let open = true;
  const release = async () => {
    if (!open) return;
    open = false;
    await handle.close().catch(() => {});
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const buffer = new Uint8Array(READ_CHUNK);
        const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
        if (bytesRead === 0) {
          await release();
          controller.close();
          return;
        }
        controller.enqueue(buffer.subarray(0, bytesRead));
      } catch (error) {
        await release();
        controller.error(ioError(error));
      }
    },
    cancel: release,
  });
}

/** Stored files under `folder` (whose key prefix is `base`) with keys starting with `prefix`. */
async function* walk(folder: string, base: string, prefix: string): AsyncGenerator<StoredObjectInfo> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    // A folder removed while listing simply holds nothing.
    if ((error as { code?: string }).code === "ENOENT") return;
    throw new FsStorageError("list", base, folder, error);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const key = base + entry.name;
    const path = join(folder, entry.name);
    // Links are never followed (they could lead outside the root), temporary files are not objects.
    if (entry.isDirectory()) {
      if (prefix.startsWith(key + "/") || (key + "/").startsWith(prefix)) yield* walk(path, key + "/", prefix);
    } else if (entry.isFile() && !isTemporaryName(entry.name) && key.startsWith(prefix)) {
      const info = await lstat(path).catch((error: unknown) => {
        if ((error as { code?: string }).code === "ENOENT") return null;
        throw new FsStorageError("list", key, path, error);
      });
      if (info?.isFile()) yield { key, size: info.size };
    }
  }
}

/** Removes temporary files a killed run left anywhere under `root`; returns how many. */
async function removeTemporaryFiles(root: string): Promise<number> {
  let removed = 0;
  const visit = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return;
      throw new FsStorageError("open", "", folder, error, `could not scan for leftover temporary files: ${(error as Error).message}`);
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile() && isTemporaryName(entry.name)) {
        await unlink(path).then(
          () => void removed++,
          () => {},
        );
      }
    }
  };
  await visit(root);
  return removed;
}

