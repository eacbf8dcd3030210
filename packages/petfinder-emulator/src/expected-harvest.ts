import { ANIMAL_TYPES, CAT_TYPE_INDEX } from "./catalog.js";
import { type Dataset, NONE } from "./dataset.js";

/** What a breed-by-breed harvest of one type should find, computed from the data without HTTP. */
export interface ExpectedHarvest {
  /** Search records fetched: per breed, min(matches, perBreed), summed over breeds. */
  readonly records: number;
  /** Distinct animals among those records. */
  readonly animals: number;
  /** Photos (one per photo slot) of the distinct animals. */
  readonly photos: number;
  /** Per breed: records fetched, and photos counted under the breed (primary or secondary) after the cap. */
  readonly breeds: ReadonlyArray<{ breed: string; matches: number; records: number; images: number }>;
  /** Images over all breeds after the per-breed cap (a photo counts under both breeds of a mixed animal). */
  readonly images: number;
}

/** Options of `expectedHarvest`. */
export interface ExpectedHarvestOptions {
  /**
   * Type slug.
   * @default "cat"
   */
  readonly type?: string;
  /**
   * Records fetched per breed search (most recent first).
   * @default 1500
   */
  readonly perBreed?: number;
  /**
   * Most images kept per breed.
   * @default 5000
   */
  readonly cap?: number;
}

/**
 * Simulates the 2018 pipeline against the data: search every breed of a type (adoptable,
 * newest first, up to `perBreed` records), count each photo under the animal's primary and
 * secondary breed, keep at most `cap` per breed. Benchmarks and tests compare a real harvest with it.
 */
export function expectedHarvest(data: Dataset, options: ExpectedHarvestOptions = {}): ExpectedHarvest {
  const t = options.type === undefined ? CAT_TYPE_INDEX : ANIMAL_TYPES.findIndex((x) => x.slug === options.type);
  if (t < 0) throw new TypeError(`expectedHarvest: unknown type ${JSON.stringify(options.type)}; use a slug such as "cat".`);
  const perBreed = options.perBreed ?? 1500;
  const cap = options.cap ?? 5000;
  const info = ANIMAL_TYPES[t]!;
  const matches = new Array<number>(info.breeds.length).fill(0);
  const fetched = new Uint8Array(data.count);
  let records = 0;
  for (let i = 0; i < data.count; i++) {
    if (data.type[i] !== t || data.status[i] !== 0) continue;
    const p = data.primary[i]!;
    const s = data.secondary[i]!;
    for (const b of s === NONE || s === p ? [p] : [p, s]) {
      matches[b]!++;
      if (matches[b]! <= perBreed) {
        records++;
        fetched[i] = 1;
      }
    }
  }
  const images = new Array<number>(info.breeds.length).fill(0);
  let animals = 0;
  let photos = 0;
  for (let i = 0; i < data.count; i++) {
    if (!fetched[i]) continue;
    animals++;
    const n = data.photos[i]!;
    photos += n;
    images[data.primary[i]!]! += n;
    const s = data.secondary[i]!;
    if (s !== NONE && s !== data.primary[i]) images[s]! += n;
  }
  const breeds = info.breeds.map((breed, b) => ({
    breed,
    matches: matches[b]!,
    records: Math.min(matches[b]!, perBreed),
    images: Math.min(images[b]!, cap),
  }));
  return { records, animals, photos, breeds, images: breeds.reduce((a, b) => a + b.images, 0) };
}
