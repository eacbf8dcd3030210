import { join } from "node:path";
import { StorageKeyError, validateKey } from "@cat-harvest/storage";
import { FsStorageError } from "./errors.js";
import { fileStamp } from "./file-stamp.js";
import { lstatOrNull } from "./fs-calls.js";
import { type KnownFolders, safeFolder } from "./safe-folder.js";
import { isTemporaryName } from "./temp-name.js";

/** The adapter's root folder and the folders under it already found to be real folders. */
export interface RootFolder {
  /** The root's real absolute path. */
  readonly root: string;
  readonly known: KnownFolders;
}

/** Validates a key and refuses the names this adapter keeps for its temporary files; returns its segments. */
export function checkKey(key: string): string[] {
  validateKey(key);
  const segments = key.split("/");
  if (isTemporaryName(segments[segments.length - 1]!)) {
    throw new StorageKeyError(key, "its file name has the form of the fs adapter's temporary files (.<name>.<hex>.part); rename it");
  }
  return segments;
}

/** The absolute path, size and stamp of a stored regular file, or null; `lstat` so a link is never followed. */
export async function locateFile(place: RootFolder, key: string, operation: string): Promise<{ path: string; size: number; stamp: string } | null> {
  const segments = checkKey(key);
  const folder = await safeFolder(place.root, segments.slice(0, -1), key, { create: false, operation, known: place.known });
  if (folder === null) return null;
  const path = join(folder, segments[segments.length - 1]!);
  const info = await lstatOrNull(path).catch((error: unknown) => {
    throw new FsStorageError(operation, key, path, error);
  });
  return info?.isFile() ? { path, size: info.size, stamp: fileStamp(info) } : null;
}
