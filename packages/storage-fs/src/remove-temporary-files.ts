import { readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { FsStorageError } from "./errors.js";
import { isTemporaryName } from "./temp-name.js";

/** Removes temporary files a killed run left anywhere under `root`; returns how many. */
export async function removeTemporaryFiles(root: string): Promise<number> {
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
