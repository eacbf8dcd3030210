import { mkdir, realpath } from "node:fs/promises";
import { resolve } from "node:path";
import { FsStorageError } from "./errors.js";

/** Creates the root folder (with its parents) when missing, unless `readOnly`; returns its real absolute path. */
export async function openRoot(root: string, readOnly: boolean): Promise<string> {
  const given = resolve(root);
  try {
    if (!readOnly) await mkdir(given, { recursive: true });
    return await realpath(given);
  } catch (error) {
    throw new FsStorageError("open", "", given, error);
  }
}
