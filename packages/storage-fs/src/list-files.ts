import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { StoredObjectInfo } from "@cat-harvest/storage";
import { FsStorageError } from "./errors.js";
import { fileStamp } from "./file-stamp.js";
import { isTemporaryName } from "./temp-name.js";

/** Stored files under `folder` (whose key prefix is `base`) with keys starting with `prefix`. */
export async function* listFiles(folder: string, base: string, prefix: string): AsyncGenerator<StoredObjectInfo> {
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
      if (prefix.startsWith(key + "/") || (key + "/").startsWith(prefix)) yield* listFiles(path, key + "/", prefix);
    } else if (entry.isFile() && !isTemporaryName(entry.name) && key.startsWith(prefix)) {
      const info = await lstat(path).catch((error: unknown) => {
        if ((error as { code?: string }).code === "ENOENT") return null;
        throw new FsStorageError("list", key, path, error);
      });
      if (info?.isFile()) yield { key, size: info.size, stamp: fileStamp(info) };
    }
  }
}
