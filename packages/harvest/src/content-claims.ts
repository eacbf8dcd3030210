import { folderOf } from "./folder-of.js";

/**
 * Which file keeps each content within a folder (a photo filed under two breeds keeps both
 * copies). Of byte-identical files the one whose key sorts first is kept, whatever order the
 * downloads (or the breeds' records) arrive in, so the same input gives the same files: a copy
 * that sorts later but finished first is stored too and dropped at the end (`losers`), on
 * stores that can delete. Where files cannot be removed (an archive), the first copy stored
 * wins (`firstWins`).
 */
export interface ContentClaims {
  /** Notes a file already stored with this content (from an earlier run, or adopted). */
  add(sha256: string, key: string): void;
  /** Claims content for `key`: returns the file keeping it (so `key` is a duplicate), or `undefined` after claiming. */
  claim(sha256: string, key: string): string | undefined;
  /** Gives up a claim whose put did not complete. */
  release(sha256: string, key: string): void;
  /** Files holding the same content as a kept file of their folder, with that file; `isStored` says which claimants were stored. */
  losers(isStored: (key: string, sha256: string) => boolean): Array<{ key: string; keeper: string }>;
}

export function createContentClaims(options: { readonly firstWins: boolean }): ContentClaims {
  const slots = new Map<string, string[]>();
  const slotOf = (sha256: string, key: string) => `${folderOf(key)}\u0000${sha256}`;
  const first = (keys: readonly string[]) => keys.reduce<string | undefined>((best, key) => (best === undefined || key < best ? key : best), undefined);
  const add = (sha256: string, key: string) => {
    const id = slotOf(sha256, key);
    const keys = slots.get(id);
    if (!keys) slots.set(id, [key]);
    else if (!keys.includes(key)) keys.push(key);
  };

  return {
    add,
    claim(sha256, key) {
      const keys = slots.get(slotOf(sha256, key));
      const keeper = options.firstWins ? keys?.[0] : first(keys ?? []);
      if (keeper !== undefined && (options.firstWins || keeper < key)) return keeper;
      add(sha256, key);
      return undefined;
    },
    release(sha256, key) {
      const id = slotOf(sha256, key);
      const keys = slots.get(id)?.filter((k) => k !== key);
      if (keys?.length) slots.set(id, keys);
      else slots.delete(id);
    },
    losers(isStored) {
      const out: Array<{ key: string; keeper: string }> = [];
      for (const [id, keys] of slots) {
        if (keys.length < 2) continue;
        const sha256 = id.slice(id.indexOf("\u0000") + 1);
        const stored = keys.filter((key) => isStored(key, sha256));
        const keeper = first(stored);
        for (const key of stored) if (key !== keeper) out.push({ key, keeper: keeper! });
      }
      return out;
    },
  };
}
