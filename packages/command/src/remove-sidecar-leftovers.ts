import { readdir, unlink } from "node:fs/promises";
import { join } from "node:path";

// The fs adapter's temporary names: `.<up to 100 UTF-8 bytes of the name>.<12 hex>.part`.
const TEMPORARY = /^\.(.+)\.[0-9a-f]{12}\.part$/s;

/**
 * Removes the temporary files a killed run left for one sidecar file (`name` in `folder`):
 * the records cache beside an archive is written through a storage of the archive's folder,
 * which must not sweep the whole folder as an adapter opening its own root does.
 */
export async function removeSidecarLeftovers(folder: string, name: string): Promise<void> {
  const entries = await readdir(folder).catch(() => [] as string[]);
  for (const entry of entries) {
    const stem = TEMPORARY.exec(entry)?.[1];
    if (stem !== undefined && (stem === name || (stem.length >= 30 && name.startsWith(stem)))) await unlink(join(folder, entry)).catch(() => {});
  }
}
