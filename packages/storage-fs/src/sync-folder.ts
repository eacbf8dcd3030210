import { open, type FileHandle } from "node:fs/promises";
import { FsStorageError } from "./errors.js";

/** fsync a folder so a rename or a new entry in it survives a power cut. */
export async function syncFolder(path: string): Promise<void> {
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
