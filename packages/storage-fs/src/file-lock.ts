import { mkdir, open, readFile, rename, rmdir, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { LOCK_KEY, type LockStore } from "@cat-harvest/storage";
import { FsStorageError } from "./errors.js";
import { temporaryName } from "./temp-name.js";

const isCode = (error: unknown, code: string) => (error as { code?: string } | null)?.code === code;

/**
 * A lock held in one file at `path` (its folder is created when missing). `create` is atomic
 * (`open` with `O_CREAT | O_EXCL`), and a reader that finds the new file still empty reads it
 * again; `write` (a heartbeat, a takeover) renames a whole temporary file (`.<name>.<hex>.part`,
 * the fs adapter's kind, which it never lists and removes on open) over the lock.
 * With `removeFolderIfCreated`, `remove()` also removes the folder `create` made, when empty.
 *
 * @example
 * const lock = createFileLock("/data/cats.tar.gz.lock");
 */
export function createFileLock(path: string, options: { readonly removeFolderIfCreated?: boolean } = {}): LockStore {
  const location = resolve(path);
  const folder = dirname(location);
  let createdFolder: string | undefined;
  const fail = (operation: string) => (error: unknown) => {
    throw new FsStorageError(operation, basename(location), location, error);
  };
  return {
    location,
    async create(record) {
      const made = await mkdir(folder, { recursive: true }).catch(fail("create"));
      if (made !== undefined) createdFolder = made;
      try {
        const handle = await open(location, "wx");
        try {
          await handle.writeFile(record);
        } finally {
          await handle.close();
        }
        return true;
      } catch (error) {
        if (isCode(error, "EEXIST")) return false;
        return fail("create")(error);
      }
    },
    async read() {
      try {
        return new Uint8Array(await readFile(location));
      } catch (error) {
        if (isCode(error, "ENOENT")) return null;
        return fail("read")(error);
      }
    },
    async write(record) {
      // A whole new file renamed over the lock: two runs writing at once never mix their bytes.
      const temporary = join(folder, temporaryName(basename(location)));
      try {
        await writeFile(temporary, record, { flag: "wx" });
        await rename(temporary, location);
      } catch (error) {
        await unlink(temporary).catch(() => {});
        fail("write")(error);
      }
    },
    async remove() {
      await unlink(location).catch((error: unknown) => {
        if (!isCode(error, "ENOENT")) fail("remove")(error);
      });
      // A run that made DEST and stored nothing leaves nothing behind (rmdir refuses a folder with files).
      if (options.removeFolderIfCreated && createdFolder !== undefined) await removeEmptyFolders(folder, createdFolder);
    },
  };
}

/** Removes `folder` and its parents up to `top`, stopping at the first that holds anything. */
async function removeEmptyFolders(folder: string, top: string): Promise<void> {
  for (let dir = folder; dir.length >= top.length; dir = dirname(dir)) {
    if (
      !(await rmdir(dir).then(
        () => true,
        () => false,
      ))
    )
      return;
  }
}

/**
 * The lock of a folder data set: `cat-harvest.lock` at its top (a file, not a folder, so
 * ImageFolder-style loaders do not take it for a class). The folder is created when missing.
 *
 * @example
 * const lock = createFsLock({ root: "./cat_breeds" }); // ./cat_breeds/cat-harvest.lock
 */
export function createFsLock(options: { readonly root: string }): LockStore {
  if (typeof options?.root !== "string" || options.root === "") throw new TypeError('createFsLock needs options.root, e.g. { root: "./cat_breeds" }');
  return createFileLock(join(options.root, LOCK_KEY), { removeFolderIfCreated: true });
}
