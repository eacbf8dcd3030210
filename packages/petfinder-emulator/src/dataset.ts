import { ANIMAL_TYPES, CAT_TYPE_INDEX, NONE } from "./catalog.js";
import { createPrng, type CrossPost, cumulate, hashInts, pickWeighted, unit } from "@cat-harvest/emulator-kit";
import { placeCrossPosts } from "./cross-posts.js";
import { isRepostCandidate } from "./repost.js";
import { PLACES } from "./places.js";
import { ORG_KINDS, ORG_WORDS } from "./words.js";

/** Animal status codes as stored in `Dataset.status`. */
export const STATUSES = ["adoptable", "adopted", "found"] as const;
export type AnimalStatus = (typeof STATUSES)[number];

export const AGES = ["Baby", "Young", "Adult", "Senior"] as const;
export const GENDERS = ["Male", "Female", "Unknown"] as const;
export const SIZES = ["Small", "Medium", "Large", "Extra Large"] as const;

export { NONE } from "./catalog.js";
/** `flags` bit: the breeds are mixed. */
export const FLAG_MIXED = 1;
/** `flags` bit: photos use the newer `/animal/{uuid}/image/{uuid}.jpg` URL shape. */
export const FLAG_NEW_PHOTO_URLS = 2;

/** Most photos an animal has. */
export const MAX_PHOTOS = 6;
export { REPOST_RATE } from "./repost.js";

/** The time every data set is anchored to (2025-11-20T00:00:00Z), so data never depends on the clock. */
export const DATA_EPOCH_SECONDS = 1763596800;
const DATA_SPAN_SECONDS = 400 * 86400;
const ID_BASE = 60_000_000;
const ID_STRIDE = 16;
/** Organizations at scale 1. */
const ORGANIZATIONS_AT_SCALE_1 = 1500;
/** Share of extra animals that are adopted / found rather than adoptable. */
const ADOPTED_SHARE = 0.06;
const FOUND_SHARE = 0.01;
/**
 * Photo-count distribution, 0 (about 20%, as in the 2024 recordings) to MAX_PHOTOS: a mean
 * of 1.7 keeps scale 1 near the write-up's ~45,000 photos from ~32,000 search records.
 */
const PHOTO_COUNT_WEIGHTS = [20, 36, 22, 10, 6, 3, 3];

/** An organization, fully materialised (there are few of them). */
export interface OrganizationRecord {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly placeIndex: number;
  readonly latitude: number;
  readonly longitude: number;
  readonly hash: number;
}

/**
 * The whole data set as compact columns: one entry per animal, in "recent" order
 * (index 0 is the most recently published). Everything else about an animal (name,
 * description, photo bytes...) is derived on demand from (seed, id).
 */
export interface Dataset {
  readonly seed: number;
  readonly scale: number;
  readonly count: number;
  readonly ids: Uint32Array;
  readonly type: Uint8Array;
  readonly primary: Uint16Array;
  readonly secondary: Uint16Array;
  readonly flags: Uint8Array;
  readonly status: Uint8Array;
  readonly org: Uint32Array;
  readonly photos: Uint8Array;
  readonly published: Uint32Array;
  readonly age: Uint8Array;
  readonly gender: Uint8Array;
  readonly size: Uint8Array;
  readonly coat: Uint16Array;
  readonly color: Uint16Array;
  readonly organizations: readonly OrganizationRecord[];
  readonly organizationIndex: ReadonlyMap<string, number>;
  /**
   * The photos that serve a cross-posted pool photo at size `full` (see `crossPostPool` in
   * `@cat-harvest/emulator-kit`), keyed by `crossPostKey(index, photo)` of the photo supplying
   * the content; empty unless `crossPosts` is on.
   */
  readonly crossPosts: ReadonlyMap<number, CrossPost>;
}

/** Options of `createDataset`. */
export interface DatasetOptions {
  /**
   * Place the cross-posted pool on a few adoptable cats of a single breed.
   * @default false
   */
  readonly crossPosts?: boolean;
}

const NO_CROSS_POSTS: ReadonlyMap<number, CrossPost> = new Map();

function check(seed: number, scale: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new TypeError(`Emulator seed must be a non-negative integer; got ${String(seed)}. Pass e.g. seed: 1.`);
  }
  if (!Number.isFinite(scale) || scale <= 0 || scale > 20) {
    throw new TypeError(`Emulator scale must be a number in (0, 20]; got ${String(scale)}. Scale 1 is the 2018 write-up's size; tests use 0.01 to 0.05.`);
  }
}

/** Builds the data set for a seed and scale. Deterministic; about 50 ms at scale 1. */
export function createDataset(seed: number, scale: number, options: DatasetOptions = {}): Dataset {
  check(seed, scale);
  const rand = createPrng(hashInts(seed, 0x5eed));

  // 1. Who exists: per type, breed quotas in proportion to the weights (each breed at least once).
  const entryType: number[] = [];
  const entryBreed: number[] = [];
  const entryStatus: number[] = [];
  ANIMAL_TYPES.forEach((info, t) => {
    const total = info.population * scale;
    const weightSum = info.breedWeights.reduce((a, b) => a + b, 0);
    const cumulative = cumulate(info.breedWeights);
    info.breedWeights.forEach((w, b) => {
      const n = Math.max(1, Math.round((w / weightSum) * total));
      for (let k = 0; k < n; k++) {
        entryType.push(t);
        entryBreed.push(b);
        entryStatus.push(0);
      }
    });
    const extra = Math.round(total * (ADOPTED_SHARE + FOUND_SHARE));
    for (let k = 0; k < extra; k++) {
      entryType.push(t);
      entryBreed.push(pickWeighted(cumulative, rand()));
      entryStatus.push(rand() < FOUND_SHARE / (ADOPTED_SHARE + FOUND_SHARE) ? 2 : 1);
    }
  });
  const count = entryType.length;

  // 2. Recency order: a seeded shuffle.
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }

  // 3. Organizations.
  const placeCumulative = cumulate(PLACES.map((p) => p.weight));
  const orgCount = Math.max(10, Math.round(ORGANIZATIONS_AT_SCALE_1 * scale));
  const organizations: OrganizationRecord[] = [];
  const organizationIndex = new Map<string, number>();
  for (let i = 0; i < orgCount; i++) {
    const h = hashInts(seed, 0x0a9, i);
    const placeIndex = pickWeighted(placeCumulative, unit(h));
    const place = PLACES[placeIndex]!;
    const id = `${place.state}${100 + i * 3 + (h % 3)}`;
    const word = ORG_WORDS[hashInts(h, 1) % ORG_WORDS.length]!;
    const kind = ORG_KINDS[hashInts(h, 2) % ORG_KINDS.length]!;
    const name = hashInts(h, 3) % 3 === 0 ? `${place.city} ${kind}` : `${word} ${kind}`;
    organizations.push({
      index: i,
      id,
      name,
      placeIndex,
      latitude: place.latitude + (unit(hashInts(h, 4)) - 0.5) * 0.6,
      longitude: place.longitude + (unit(hashInts(h, 5)) - 0.5) * 0.6,
      hash: h,
    });
    organizationIndex.set(id, i);
  }

  // 4. Columns.
  const ids = new Uint32Array(count);
  const type = new Uint8Array(count);
  const primary = new Uint16Array(count);
  const secondary = new Uint16Array(count);
  const flags = new Uint8Array(count);
  const status = new Uint8Array(count);
  const org = new Uint32Array(count);
  const photos = new Uint8Array(count);
  const published = new Uint32Array(count);
  const age = new Uint8Array(count);
  const gender = new Uint8Array(count);
  const size = new Uint8Array(count);
  const coat = new Uint16Array(count);
  const color = new Uint16Array(count);
  const photoCumulative = cumulate(PHOTO_COUNT_WEIGHTS);
  const avgGap = DATA_SPAN_SECONDS / Math.max(1, count);
  let time = DATA_EPOCH_SECONDS - 3600;
  const typeCumulative = ANIMAL_TYPES.map((t) => cumulate(t.breedWeights));
  for (let i = 0; i < count; i++) {
    const e = order[i]!;
    const t = entryType[e]!;
    const info = ANIMAL_TYPES[t]!;
    ids[i] = ID_BASE + (count - i) * ID_STRIDE + (hashInts(seed, 0x1d, i) % ID_STRIDE);
    type[i] = t;
    primary[i] = entryBreed[e]!;
    status[i] = entryStatus[e]!;
    const r = rand();
    let sec = NONE;
    let mixed = false;
    if (r < 0.3 && info.breeds.length > 1) {
      sec = pickWeighted(typeCumulative[t]!, rand());
      // A secondary equal to the primary is drawn again once, then dropped.
      if (sec === primary[i]) sec = pickWeighted(typeCumulative[t]!, rand());
      if (sec === primary[i]) sec = NONE;
      mixed = true;
    } else if (r < 0.58) {
      mixed = true;
    }
    secondary[i] = sec;
    flags[i] = (mixed ? FLAG_MIXED : 0) | (rand() < 0.55 ? FLAG_NEW_PHOTO_URLS : 0);
    org[i] = Math.floor(rand() * orgCount);
    photos[i] = pickWeighted(photoCumulative, rand());
    time -= Math.floor(rand() * 2 * avgGap);
    published[i] = time;
    const ra = rand();
    age[i] = ra < 0.25 ? 0 : ra < 0.55 ? 1 : ra < 0.93 ? 2 : 3;
    gender[i] = info.genders.length === 3 && rand() < 0.2 ? 2 : rand() < 0.5 ? 0 : 1;
    const rs = rand();
    size[i] = t === CAT_TYPE_INDEX ? (rs < 0.25 ? 0 : rs < 0.85 ? 1 : rs < 0.98 ? 2 : 3) : rs < 0.3 ? 0 : rs < 0.7 ? 1 : rs < 0.93 ? 2 : 3;
    coat[i] = info.coats.length > 0 && rand() < 0.25 ? Math.floor(rand() * info.coats.length) : NONE;
    color[i] = rand() < 0.6 ? Math.floor(rand() * info.colors.length) : NONE;
  }

  const base = {
    seed,
    scale,
    count,
    ids,
    type,
    primary,
    secondary,
    flags,
    status,
    org,
    photos,
    published,
    age,
    gender,
    size,
    coat,
    color,
    organizations,
    organizationIndex,
  };
  return { ...base, crossPosts: options.crossPosts ? placeCrossPosts(base) : NO_CROSS_POSTS };
}

/** The index of an animal id, or -1. */
export function indexOfAnimalId(data: Dataset, id: number): number {
  if (!Number.isSafeInteger(id) || id < ID_BASE) return -1;
  const i = data.count - Math.floor((id - ID_BASE) / ID_STRIDE);
  if (i < 0 || i >= data.count) return -1;
  return data.ids[i] === id ? i : -1;
}

/** A photo whose bytes another photo is (or is not) a re-post of. */
export interface PhotoContent {
  /** Index of the animal whose photo supplies the bytes. */
  readonly index: number;
  /** 1-based photo number on that animal. */
  readonly photo: number;
}

/**
 * Which photo supplies the bytes of photo `photo` (1-based) of animal `index`: itself, or,
 * for about REPOST_RATE of photos, another animal's photo of the same type (a cross-listed pet).
 */
export function photoContent(data: Dataset, index: number, photo: number): PhotoContent {
  if (!isRepostCandidate(data, index, photo)) return { index, photo };
  const h = hashInts(data.seed, 0x50c, data.ids[index]!, photo);
  const t = data.type[index];
  let j = h % data.count;
  for (let step = 0; step < data.count; step++, j = (j + 1) % data.count) {
    if (j === index || data.type[j] !== t || data.photos[j] === 0) continue;
    const q = 1 + (hashInts(h, j) % data.photos[j]!);
    if (!isRepostCandidate(data, j, q)) return { index: j, photo: q };
  }
  return { index, photo };
}
