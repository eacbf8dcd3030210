import { animalPhotoRows, type AnimalPhotoRowsOptions } from "./animal-photo-rows.js";
import type { BreedCounter } from "./breed-counter.js";
import { createPhotoRowDeduper, type PhotoRowDeduper } from "./photo-row-deduper.js";
import type { AnimalLike, PhotoRow } from "./types.js";

/** Options of `photoRows`. */
export interface PhotoRowsOptions extends AnimalPhotoRowsOptions {
  /**
   * Drop rows whose (folder, animal, photo) or (folder, canonical URL) came before: the
   * same animal is found by both of its breeds' searches, and pages can overlap.
   * @default true
   */
  readonly dedupe?: boolean;
  /**
   * The de-duplicator to use; pass one to share it between streams (several breeds'
   * searches, or an earlier run being resumed).
   * @default createPhotoRowDeduper()
   */
  readonly deduper?: PhotoRowDeduper;
  /**
   * The most rows a breed folder gets; later rows are skipped with `over-cap` (the 2018
   * write-up kept 5,000).
   * @default Infinity
   */
  readonly perBreedCap?: number;
  /** Counts every row let through, per breed (see `createBreedCounter`). */
  readonly counter?: BreedCounter;
  /** Stops the stream: the next step throws `signal.reason`. */
  readonly signal?: AbortSignal;
}

/**
 * Streams animals into photo rows: for each animal, its rows (`animalPhotoRows`), then
 * de-duplication, then the per-breed cap, then the counter. Takes an async or sync
 * iterable and holds only de-duplication keys and per-breed counts, so memory does not grow
 * with the animals read beyond one short string pair per distinct photo.
 *
 * @example
 * const counter = createBreedCounter();
 * for await (const row of photoRows(animals, { perBreedCap: 5000, counter })) {
 *   console.log(row.key, row.url);
 * }
 * console.log(breedCountsToCsv(counter.counts()));
 */
export async function* photoRows(
  animals: AsyncIterable<AnimalLike> | Iterable<AnimalLike>,
  options: PhotoRowsOptions = {},
): AsyncGenerator<PhotoRow, void, undefined> {
  if (animals === null || typeof animals !== "object" || (!(Symbol.asyncIterator in animals) && !(Symbol.iterator in animals))) {
    throw new TypeError("Streaming photo rows failed: pass an iterable or async iterable of animals");
  }
  const { dedupe = true, perBreedCap = Infinity, counter, signal, onSkip } = options;
  if (typeof perBreedCap !== "number" || Number.isNaN(perBreedCap) || perBreedCap < 0 || (perBreedCap !== Infinity && !Number.isInteger(perBreedCap))) {
    throw new TypeError(`Streaming photo rows failed: perBreedCap must be a whole number >= 0 or Infinity, got ${String(perBreedCap)}`);
  }
  const deduper = dedupe ? (options.deduper ?? createPhotoRowDeduper()) : null;
  const kept = new Map<string, number>();
  signal?.throwIfAborted();
  for await (const animal of animals) {
    signal?.throwIfAborted();
    for (const row of animalPhotoRows(animal, options)) {
      const duplicate = deduper?.check(row) ?? null;
      if (duplicate) {
        onSkip?.({
          reason: duplicate,
          animalId: row.animalId,
          breed: row.breed,
          photo: row.photo,
          url: row.url,
          detail: duplicate === "duplicate-photo" ? `${row.key} came before` : `the URL of ${row.key} came before in ${row.folder}`,
        });
        continue;
      }
      const count = kept.get(row.folder) ?? 0;
      if (count >= perBreedCap) {
        onSkip?.({ reason: "over-cap", animalId: row.animalId, breed: row.breed, photo: row.photo, url: row.url, detail: `${row.folder} already has ${perBreedCap} photos (perBreedCap)` });
        continue;
      }
      kept.set(row.folder, count + 1);
      counter?.add(row);
      yield row;
    }
  }
}
