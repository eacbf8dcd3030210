import { type CrossPost, cumulate, hashInts, pickWeighted, unit } from "@cat-harvest/emulator-kit";
import { CAT_BREEDS } from "./breed-table.js";
import { placeCrossPosts } from "./cross-posts.js";
import { TEMPLATE_SIZES } from "./picture-templates.js";

/** Adoptable cats at scale 1 (RescueGroups lists roughly this many cats with pictures). */
export const CATS_AT_SCALE_1 = 12_000;
/** Share of cats with a secondary breed. */
const SECONDARY_SHARE = 0.2;
/** Share of cats without pictures (listed by the plain search, left out by `haspic`). */
const NO_PICTURES_SHARE = 0.08;
/** Share of pictures that are byte-identical re-posts of another cat's picture (a cross-listed pet). */
const REPOST_SHARE = 0.005;
/** Share of cats whose pictures come as plain URL strings (the older shape) rather than `{ url }` objects. */
const STRING_SHAPE_SHARE = 0.4;

/** The cats the emulator serves, generated from (seed, scale): compact columns, resources built on demand. */
export interface Dataset {
  readonly seed: number;
  readonly scale: number;
  readonly count: number;
  /** Animal ids (ascending), as numbers. */
  readonly animalIds: Float64Array;
  readonly orgIds: Int32Array;
  /** Index into `CAT_BREEDS` of each cat's primary breed. */
  readonly primary: Int16Array;
  /** Index into `CAT_BREEDS` of each cat's secondary breed, or -1. */
  readonly secondary: Int16Array;
  /** Where each cat's pictures start in the picture columns; cat i has `pictureStart[i + 1] - pictureStart[i]`. */
  readonly pictureStart: Int32Array;
  /** Whether each cat's picture sizes are plain strings (else `{ url }` objects). */
  readonly stringShape: Uint8Array;
  /** Picture ids (ascending), as numbers. */
  readonly pictureIds: Float64Array;
  /** The cat of each picture. */
  readonly pictureAnimal: Int32Array;
  /** The template of each picture (see `TEMPLATE_SIZES`). */
  readonly template: Uint8Array;
  /** The picture whose bytes each picture serves: itself, or another cat's it re-posts. */
  readonly content: Int32Array;
  /** The cats of each breed (primary), in id order. */
  readonly byBreed: readonly Int32Array[];
  /**
   * The pictures that serve a cross-posted pool photo at size `original` (see `crossPostPool` in
   * `@cat-harvest/emulator-kit`), keyed by the picture supplying the content; empty unless `crossPosts` is on.
   */
  readonly crossPosts: ReadonlyMap<number, CrossPost>;
}

/** Options of `createDataset`. */
export interface DatasetOptions {
  /**
   * Place the cross-posted pool on a few cats of a single breed.
   * @default false
   */
  readonly crossPosts?: boolean;
}

const NO_CROSS_POSTS: ReadonlyMap<number, CrossPost> = new Map();

/** Builds the data set; every cat breed has at least one cat with pictures at any scale. */
export function createDataset(seed: number, scale: number, options: DatasetOptions = {}): Dataset {
  const breeds = CAT_BREEDS.length;
  const count = Math.max(breeds * 2, Math.round(CATS_AT_SCALE_1 * scale));
  const weights = cumulate(CAT_BREEDS.map((b) => b.weight));
  const animalIds = new Float64Array(count);
  const orgIds = new Int32Array(count);
  const primary = new Int16Array(count);
  const secondary = new Int16Array(count);
  const pictureStart = new Int32Array(count + 1);
  const stringShape = new Uint8Array(count);
  const pictureCounts: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = (field: number) => unit(hashInts(seed, 0x5e, i, field));
    animalIds[i] = 10_000_000 + i * 8 + (hashInts(seed, 0x1d, i) % 8);
    orgIds[i] = 100 + (hashInts(seed, 0x0f, i) % 400);
    // The first cats cover every breed once, with pictures, so a small scale still lists them all.
    primary[i] = i < breeds ? i : pickWeighted(weights, r(1));
    const other = pickWeighted(weights, r(3));
    secondary[i] = r(2) < SECONDARY_SHARE && other !== primary[i] ? other : -1;
    const pictures = i >= breeds && r(4) < NO_PICTURES_SHARE ? 0 : 1 + (hashInts(seed, 0x9c, i) % 4);
    pictureCounts.push(pictures);
    pictureStart[i + 1] = pictureStart[i]! + pictures;
    stringShape[i] = r(5) < STRING_SHAPE_SHARE ? 1 : 0;
  }
  const total = pictureStart[count]!;
  const pictureIds = new Float64Array(total);
  const pictureAnimal = new Int32Array(total);
  const template = new Uint8Array(total);
  const content = new Int32Array(total);
  for (let i = 0; i < count; i++) {
    for (let p = pictureStart[i]!; p < pictureStart[i + 1]!; p++) {
      const r = (field: number) => unit(hashInts(seed, 0x9d, p, field));
      pictureIds[p] = 30_000_000 + p * 4 + (hashInts(seed, 0x9e, p) % 4);
      pictureAnimal[p] = i;
      // A re-post copies a picture of an earlier cat: same bytes under another animal and URL.
      const repost = pictureStart[i]! > 0 && r(1) < REPOST_SHARE ? content[Math.floor(r(2) * pictureStart[i]!)]! : -1;
      content[p] = repost >= 0 ? repost : p;
      template[p] = repost >= 0 ? template[repost]! : hashInts(seed, 0x7e, p) % TEMPLATE_SIZES.length;
    }
  }
  const lists: number[][] = CAT_BREEDS.map(() => []);
  primary.forEach((b, i) => lists[b]!.push(i));
  const byBreed = lists.map((list) => Int32Array.from(list));
  const base = { seed, scale, count, animalIds, orgIds, primary, secondary, pictureStart, stringShape, pictureIds, pictureAnimal, template, content, byBreed };
  return { ...base, crossPosts: options.crossPosts ? placeCrossPosts(base) : NO_CROSS_POSTS };
}

/** The picture indexes of cat `i`, in order (order 1 first). */
export function picturesOf(data: Dataset, i: number): number[] {
  const out: number[] = [];
  for (let p = data.pictureStart[i]!; p < data.pictureStart[i + 1]!; p++) out.push(p);
  return out;
}

/** The index of the value `id` in an ascending column, or -1. */
export function indexOfId(ids: Float64Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
