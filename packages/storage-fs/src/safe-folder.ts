import { lstat, mkdir } from "node:fs/promises";
import { join, sep } from "node:path";
import { StorageKeyError } from "@cat-harvest/storage";
import { FsStorageError } from "./errors.js";

export interface SafeFolderOptions {
  /** Create missing folders (for put); otherwise a missing folder gives `null`. */
  readonly create: boolean;
  /** Called after a folder was created, with the folder that now holds it (to fsync it). */
  readonly onCreated?: (parent: string) => Promise<void>;
  /** The method, for error messages. */
  readonly operation: string;
  /** Folders already found to be real folders; skipped, and added to as more are found. */
  readonly known?: KnownFolders;
}

/**
 * Absolute paths of folders an adapter has checked (or created) and found to be real
 * folders, so a put or stat into a folder it has seen costs no `lstat` per segment. Capped;
 * past the cap it starts over.
 */
export class KnownFolders {
  readonly #paths = new Set<string>();
  constructor(readonly limit = 10_000) {}
  has(path: string): boolean {
    return this.#paths.has(path);
  }
  add(path: string): void {
    if (this.#paths.size >= this.limit) this.#paths.clear();
    this.#paths.add(path);
  }
  /** Forgets `path` and every folder under it (one was removed behind the adapter's back). */
  forget(path: string): void {
    for (const known of this.#paths) if (known === path || known.startsWith(path + sep)) this.#paths.delete(known);
  }
}

/**
 * Walks `folders` down from `root` one segment at a time and returns the absolute path
 * of the last one. Symbolic links are refused rather than followed, so a link planted
 * under the root (say `Bengal -> /etc`) can never lead a write, read or listing outside
 * it. Returns `null` when a folder is missing (or is a file) and `create` is false.
 * Folders in `known` are trusted without a new look: a link swapped in for a folder
 * after it was checked is not seen (as it would not be between any check and its use).
 */
export async function safeFolder(root: string, folders: readonly string[], key: string, options: SafeFolderOptions): Promise<string | null> {
  let current = root;
  const { known } = options;
  for (let i = 0; i < folders.length; i++) {
    const next = join(current, folders[i]!);
    if (known?.has(next)) {
      current = next;
      continue;
    }
    const shown = folders.slice(0, i + 1).join("/");
    for (let attempt = 0; ; attempt++) {
      const info = await lstat(next).catch((error: unknown) => {
        if ((error as { code?: string }).code === "ENOENT") return null;
        throw new FsStorageError(options.operation, key, next, error);
      });
      if (info?.isSymbolicLink()) {
        throw new StorageKeyError(
          key,
          `its folder "${shown}" is a symbolic link, which the fs adapter does not follow because it could lead outside the root; replace the link with a real folder`,
        );
      }
      if (info?.isDirectory()) {
        known?.add(next);
        break;
      }
      if (info) {
        if (!options.create) return null;
        throw new FsStorageError(options.operation, key, next, Object.assign(new Error(`"${shown}" is a file, not a folder`), { code: "ENOTDIR" }));
      }
      if (!options.create) return null;
      try {
        await mkdir(next);
        await options.onCreated?.(current);
        known?.add(next);
        break;
      } catch (error) {
        // Another put created it between our lstat and mkdir: look again (once is enough).
        if ((error as { code?: string }).code === "EEXIST" && attempt === 0) continue;
        throw new FsStorageError(options.operation, key, next, error);
      }
    }
    current = next;
  }
  return current;
}
