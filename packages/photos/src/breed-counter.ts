/** One line of breeds.csv. */
export interface BreedCount {
  readonly breed: string;
  readonly folder: string;
  readonly images: number;
}

/** Counts rows per breed folder. */
export interface BreedCounter {
  /** Counts one row (or `n`). */
  add(row: { readonly breed: string; readonly folder: string }, n?: number): void;
  /** The count of one folder (0 when unseen). */
  count(folder: string): number;
  /** Every breed, most images first, then by breed name. */
  counts(): BreedCount[];
  /** The sum over all breeds. */
  readonly total: number;
}

/**
 * Creates a per-breed counter; `photoRows({ counter })` feeds it the rows it keeps.
 *
 * @example
 * const counter = createBreedCounter();
 * counter.add({ breed: "Bengal", folder: "Bengal" });
 * counter.counts(); // [{ breed: "Bengal", folder: "Bengal", images: 1 }]
 */
export function createBreedCounter(): BreedCounter {
  const byFolder = new Map<string, { breed: string; images: number }>();
  let total = 0;
  return {
    add(row, n = 1) {
      if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`Counting a breed failed: n must be a whole number >= 0, got ${n}`);
      const entry = byFolder.get(row.folder);
      if (entry) entry.images += n;
      else byFolder.set(row.folder, { breed: row.breed, images: n });
      total += n;
    },
    count(folder) {
      return byFolder.get(folder)?.images ?? 0;
    },
    counts() {
      return [...byFolder.entries()]
        .map(([folder, { breed, images }]) => ({ breed, folder, images }))
        .sort((a, b) => b.images - a.images || (a.breed < b.breed ? -1 : a.breed > b.breed ? 1 : 0));
    },
    get total() {
      return total;
    },
  };
}
