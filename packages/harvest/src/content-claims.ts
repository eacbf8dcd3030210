import { folderOf } from "./folder-of.js";

/** A file holding some content, and its candidate's place in the run's input (`Infinity`: not seen yet). */
interface Claimant {
  readonly key: string;
  order: number;
}

/**
 * Which file keeps each content within a folder (a photo filed under two breeds keeps both
 * copies). The candidate earliest in the input wins, whatever order the downloads end in, so
 * the same input gives the same files: a later copy that finished first is stored too and
 * dropped at the end (`losers`), on stores that can delete. Where files cannot be removed (an
 * archive), the first copy stored wins (`firstWins`).
 */
export interface ContentClaims {
  /** Notes a file already stored with this content (from an earlier run, or adopted). */
  add(sha256: string, key: string, order?: number): void;
  /** The candidate of a stored `key` came up at `order` in this run's input. */
  place(sha256: string, key: string, order: number): void;
  /**
   * Claims content for `key` (at `order`): returns the file keeping it when that one comes
   * earlier (so `key` is a duplicate), or `undefined` after claiming.
   */
  claim(sha256: string, key: string, order: number): string | undefined;
  /** Gives up a claim whose put did not complete. */
  release(sha256: string, key: string): void;
  /**
   * Files that hold the same content as an earlier candidate's file in their folder, with the
   * file that keeps it; `isStored` says which claimants were really stored. Files whose
   * candidates were all not seen in this run are left alone.
   */
  losers(isStored: (key: string, sha256: string) => boolean): Array<{ key: string; keeper: string }>;
}

export function createContentClaims(options: { readonly firstWins: boolean }): ContentClaims {
  const slots = new Map<string, Claimant[]>();
  const slotOf = (sha256: string, key: string) => `${folderOf(key)}\u0000${sha256}`;
  const first = (claimants: readonly Claimant[]) =>
    claimants.reduce<Claimant | undefined>((best, c) => (!best || c.order < best.order || (c.order === best.order && c.key < best.key) ? c : best), undefined);

  return {
    add(sha256, key, order = Infinity) {
      const id = slotOf(sha256, key);
      const claimants = slots.get(id) ?? [];
      if (!claimants.some((c) => c.key === key)) claimants.push({ key, order });
      slots.set(id, claimants);
    },
    place(sha256, key, order) {
      const claimant = slots.get(slotOf(sha256, key))?.find((c) => c.key === key);
      if (claimant) claimant.order = Math.min(claimant.order, order);
    },
    claim(sha256, key, order) {
      const id = slotOf(sha256, key);
      const claimants = slots.get(id) ?? [];
      const keeper = first(claimants);
      // Equal orders are two files not placed in this run: the one claimed first keeps it.
      if (keeper && (options.firstWins || keeper.order <= order)) return keeper.key;
      claimants.push({ key, order });
      slots.set(id, claimants);
      return undefined;
    },
    release(sha256, key) {
      const id = slotOf(sha256, key);
      const claimants = slots.get(id)?.filter((c) => c.key !== key);
      if (claimants?.length) slots.set(id, claimants);
      else slots.delete(id);
    },
    losers(isStored) {
      const out: Array<{ key: string; keeper: string }> = [];
      for (const [id, claimants] of slots) {
        if (claimants.length < 2) continue;
        const sha256 = id.slice(id.indexOf("\u0000") + 1);
        const stored = claimants.filter((c) => isStored(c.key, sha256));
        const keeper = first(stored);
        if (!keeper || keeper.order === Infinity) continue;
        for (const c of stored) if (c !== keeper) out.push({ key: c.key, keeper: keeper.key });
      }
      return out;
    },
  };
}
