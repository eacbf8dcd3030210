import type { LockStore } from "@cat-harvest/storage";
import { createFileLock } from "@cat-harvest/storage-fs";

/** The suffix of an archive's lock file: `cats.tar.gz` is locked by `cats.tar.gz.lock`. */
export const TAR_LOCK_SUFFIX = ".lock";

/**
 * The lock of an archive: one sidecar file beside it, `<archive>.lock` (an archive cannot hold
 * its own lock: its bytes are the data set). Created exclusively; removed on release.
 *
 * @example
 * const lock = createTarLock({ path: "cats.tar.gz" }); // cats.tar.gz.lock
 */
export function createTarLock(options: { readonly path: string }): LockStore {
  if (typeof options?.path !== "string" || options.path === "")
    throw new TypeError('createTarLock needs options.path, the archive, e.g. { path: "cats.tar.gz" }');
  return createFileLock(`${options.path}${TAR_LOCK_SUFFIX}`);
}
