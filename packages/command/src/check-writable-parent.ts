import { open, stat, unlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { CommandDestinationError } from "./errors.js";

/** Checks that the folder DEST goes into can be written: its nearest existing ancestor takes a probe file. */
export async function checkWritableParent(dest: string, path: string): Promise<void> {
  // Find the nearest existing ancestor: the adapter creates the rest.
  let dir = resolve(path);
  for (;;) {
    const info = await stat(dir).catch(() => undefined);
    if (info) {
      if (!info.isDirectory()) {
        if (dir === resolve(path)) return; // An existing file (an archive to resume): checked by the adapter.
        throw new CommandDestinationError(dest, `${dir} is a file, not a folder`);
      }
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // A real probe file rather than access(W_OK): that is what counts (ACLs, read-only mounts),
  // and it needs no extra permission under Deno.
  const probe = join(dir, `.cat-harvest-probe-${Math.random().toString(36).slice(2)}`);
  try {
    await (await open(probe, "wx")).close();
    await unlink(probe);
  } catch (error) {
    throw new CommandDestinationError(dest, `${dir} is not writable; choose another DEST or fix its permissions`, { cause: error });
  }
}
