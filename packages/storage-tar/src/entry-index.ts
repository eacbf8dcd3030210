import { StorageKeyExistsError } from "@cat-harvest/storage";
import { TarKeyConflictError } from "./errors.js";
import type { EntryLocation } from "./scan-archive.js";

/**
 * The archive's entries: which key is where, in archive order, and which folders the
 * stored keys make (a key may not name one of them, nor lie under a stored key).
 */
export class EntryIndex {
  readonly #byKey = new Map<string, EntryLocation>();
  /** Entries in archive order; the last one is the only one `delete` can remove. */
  readonly #order: EntryLocation[] = [];
  /** Folder paths of stored keys, with how many keys lie under each. */
  readonly #folders = new Map<string, number>();

  get(key: string): EntryLocation | undefined {
    return this.#byKey.get(key);
  }

  /** A snapshot of the visible entries, safe to iterate while puts go on. */
  entries(): Array<[string, EntryLocation]> {
    return [...this.#byKey];
  }

  /** The entry written last. */
  get last(): EntryLocation | undefined {
    return this.#order[this.#order.length - 1];
  }

  /** Adds an entry at the archive's end; a later entry of a key hides an earlier one. */
  append(entry: EntryLocation): void {
    const earlier = this.#byKey.get(entry.key);
    if (earlier) this.#track(earlier, -1);
    this.#byKey.set(entry.key, entry);
    this.#order.push(entry);
    this.#track(entry, 1);
  }

  /**
   * Throws unless `key` is new and fits beside the stored keys as a file. With `supersede`,
   * a stored key is fine too: a newer copy will hide it.
   */
  checkNew(key: string, options?: { supersede?: boolean }): void {
    if (this.#byKey.has(key)) {
      if (options?.supersede) return;
      throw new StorageKeyExistsError("tar", key);
    }
    if (this.#folders.has(key)) {
      const under = [...this.#byKey.keys()].find((k) => k.startsWith(`${key}/`)) ?? `${key}/`;
      throw new TarKeyConflictError(key, under);
    }
    for (const folder of foldersOf(key)) if (this.#byKey.has(folder)) throw new TarKeyConflictError(key, folder);
  }

  /** Forgets the last entry (which is `key`'s); an earlier entry under the same key, from a foreign archive, is visible again. */
  removeLast(key: string): void {
    const entry = this.#order.pop();
    this.#byKey.delete(key);
    if (entry) this.#track(entry, -1);
    for (let i = this.#order.length - 1; i >= 0; i--) {
      const earlier = this.#order[i]!;
      if (earlier.key === key) {
        this.#byKey.set(key, earlier);
        this.#track(earlier, 1);
        break;
      }
    }
  }

  #track(entry: EntryLocation, delta: 1 | -1): void {
    for (const folder of foldersOf(entry.key)) {
      const count = (this.#folders.get(folder) ?? 0) + delta;
      if (count > 0) this.#folders.set(folder, count);
      else this.#folders.delete(folder);
    }
  }
}

/** `a/b/c.jpg` -> `a`, `a/b`. */
function foldersOf(key: string): string[] {
  const out: string[] = [];
  for (let at = key.indexOf("/"); at >= 0; at = key.indexOf("/", at + 1)) out.push(key.slice(0, at));
  return out;
}
