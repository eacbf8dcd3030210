import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { FsStorageError } from "./errors.js";
import { safeFolder } from "./safe-folder.js";
import type { RootFolder } from "./stored-file.js";

/**
 * Appends `bytes` to the file of `key` with one `write` in append mode (created when
 * missing; a link in its place is refused, never followed). With `sync`, the file is
 * fsynced before it resolves.
 */
export async function appendObject(place: RootFolder, key: string, segments: string[], bytes: Uint8Array, sync: boolean): Promise<void> {
  const folder = await safeFolder(place.root, segments.slice(0, -1), key, { create: true, operation: "append", known: place.known });
  const path = join(folder!, segments[segments.length - 1]!);
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    await handle.write(bytes);
    if (sync) await handle.datasync();
  } catch (error) {
    throw new FsStorageError("append", key, path, error);
  } finally {
    await handle?.close().catch(() => {});
  }
}
