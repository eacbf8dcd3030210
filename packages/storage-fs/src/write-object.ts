import { open, rename, unlink, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { type PutOptions, type StorageBody, StorageKeyError } from "@cat-harvest/storage";
import { FsStorageError, FsStorageSizeMismatchError } from "./errors.js";
import { renamePath, writeNewFile } from "./fs-calls.js";
import { safeFolder } from "./safe-folder.js";
import type { RootFolder } from "./stored-file.js";
import { syncFolder } from "./sync-folder.js";
import { temporaryName } from "./temp-name.js";
import { writeBody } from "./write-body.js";

/** Where a put writes: the final path and the temporary file beside it. */
interface PutTarget {
  readonly key: string;
  readonly folder: string;
  readonly target: string;
  readonly temporary: string;
  /** Creates the temporary file; a known folder removed behind our back is made again, once. */
  createTemporary<T>(create: () => Promise<T>): Promise<T>;
}

/**
 * A put: the body goes to a temporary file beside the target, which is renamed into place,
 * so no partial file ever carries a final name. With `sync`, the file and its folder are
 * fsynced. On failure the temporary file is removed; on abort it rejects with the reason.
 */
export async function writeObject(
  place: RootFolder,
  key: string,
  segments: string[],
  body: StorageBody,
  options: PutOptions | undefined,
  sync: boolean,
): Promise<void> {
  const target = await putTarget(place, key, segments, sync);
  options?.signal?.throwIfAborted();
  // A whole body with no fsync: one call writes it (one thread-pool trip under Bun), then a rename.
  if (body instanceof Uint8Array && !sync) await writeWhole(target, body, options);
  else await writeStreamed(target, body, options, sync);
}

/** Finds (creating) the target's folder; the temporary name is drawn here. */
async function putTarget(place: RootFolder, key: string, segments: string[], sync: boolean): Promise<PutTarget> {
  const folders = segments.slice(0, -1);
  const findFolder = async () =>
    (await safeFolder(place.root, folders, key, {
      create: true,
      operation: "put",
      onCreated: sync ? (parent) => syncFolder(parent) : undefined,
      known: place.known,
    }))!;
  const folder = await findFolder();
  const name = segments[segments.length - 1]!;
  return {
    key,
    folder,
    target: join(folder, name),
    temporary: join(folder, temporaryName(name)),
    async createTemporary(create) {
      try {
        return await create();
      } catch (error) {
        if ((error as { code?: string }).code !== "ENOENT" || folders.length === 0) throw error;
        place.known.forget(join(place.root, folders[0]!));
        await findFolder();
        return create();
      }
    },
  };
}

async function writeWhole(to: PutTarget, body: Uint8Array, options: PutOptions | undefined): Promise<void> {
  const signal = options?.signal;
  if (options?.size !== undefined && body.byteLength !== options.size) throw new FsStorageSizeMismatchError(to.key, to.target, options.size, body.byteLength);
  try {
    await to.createTemporary(() => writeNewFile(to.temporary, body));
    signal?.throwIfAborted();
    await renamePath(to.temporary, to.target);
  } catch (error) {
    await unlink(to.temporary).catch(() => {});
    if (signal?.aborted) throw signal.reason;
    throw putError(to.key, error, to.target);
  }
}

async function writeStreamed(to: PutTarget, body: StorageBody, options: PutOptions | undefined, sync: boolean): Promise<void> {
  const signal = options?.signal;
  let handle: FileHandle | undefined = await to
    .createTemporary(() => open(to.temporary, "wx"))
    .catch((error: unknown) => {
      throw putError(to.key, error, to.temporary);
    });
  try {
    const written = await writeBody(handle, body, signal, (error) => new FsStorageError("put", to.key, to.temporary, error));
    signal?.throwIfAborted();
    if (options?.size !== undefined && written !== options.size) throw new FsStorageSizeMismatchError(to.key, to.target, options.size, written);
    try {
      if (sync) await handle.sync();
      await handle.close();
      handle = undefined;
      await rename(to.temporary, to.target);
    } catch (error) {
      throw new FsStorageError("put", to.key, to.target, error);
    }
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(to.temporary).catch(() => {});
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
  // The rename is only durable once the folder's entry is on disk.
  if (sync) await syncFolder(to.folder);
}

/** A put's error as it reaches the caller: ours as they are, the system's wrapped in `FsStorageError`. */
function putError(key: string, error: unknown, path: string): unknown {
  return FsStorageError.isInstance(error) || StorageKeyError.isInstance(error) ? error : new FsStorageError("put", key, path, error);
}
