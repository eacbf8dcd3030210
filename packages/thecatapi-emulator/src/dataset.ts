import { type CrossPost, cumulate, hashInts, type ImageFormat, pickWeighted, unit } from "@cat-harvest/emulator-kit";
import { BREED_TABLE } from "./breed-table.js";
import { placeCrossPosts } from "./cross-posts.js";
import { TEMPLATE_SIZES } from "./image-templates.js";

/** Images at scale 1. */
export const IMAGES_AT_SCALE_1 = 30_000;
/** Share of images without a breed. */
const UNLABELLED_SHARE = 0.25;
/** Share of images that are byte-identical re-uploads of an earlier image. */
const DUPLICATE_SHARE = 0.004;
/** File extensions and their shares: most uploads are JPEGs. */
const FORMATS: readonly (readonly [ImageFormat, string, number])[] = [
  ["jpeg", "jpg", 0.72],
  ["png", "png", 0.16],
  ["gif", "gif", 0.12],
];
const ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";

/** Everything the emulator serves, generated from (seed, scale): compact columns, objects built on demand. */
export interface Dataset {
  readonly seed: number;
  readonly scale: number;
  readonly count: number;
  /** Image ids, in upload order (the order `order=ASC` lists). */
  readonly ids: readonly string[];
  readonly indexById: ReadonlyMap<string, number>;
  /** The breed (index into `BREED_TABLE`) of each image, or -1. */
  readonly breed: Int16Array;
  /** The format (index into `FORMATS`) of each image. */
  readonly format: Uint8Array;
  /** The template of each image within its format. */
  readonly template: Uint8Array;
  /** The image whose bytes each image serves: itself, or an earlier one it re-uploads. */
  readonly content: Int32Array;
  /** The images of each breed, in upload order. */
  readonly byBreed: readonly Int32Array[];
  /**
   * The images that serve a cross-posted pool photo (see `crossPostPool` in
   * `@cat-harvest/emulator-kit`), keyed by the image supplying the content; empty unless `crossPosts` is on.
   */
  readonly crossPosts: ReadonlyMap<number, CrossPost>;
}

/** Options of `createDataset`. */
export interface DatasetOptions {
  /**
   * Place the cross-posted pool on a few JPEG images of each pooled breed.
   * @default false
   */
  readonly crossPosts?: boolean;
}

const NO_CROSS_POSTS: ReadonlyMap<number, CrossPost> = new Map();

/** The format and file extension of format index `f`. */
export function formatOf(f: number): { format: ImageFormat; ext: string } {
  const [format, ext] = FORMATS[f]!;
  return { format, ext };
}

/** Width and height of image `i` (a cross-posted image's are the pool photo's). */
export function imageSize(data: Dataset, i: number): readonly [number, number] {
  const post = data.crossPosts.get(data.content[i]!);
  if (post) return [post.width, post.height];
  return TEMPLATE_SIZES[formatOf(data.format[i]!).format][data.template[i]!]!;
}

function imageId(seed: number, i: number, salt: number): string {
  let id = "";
  for (let k = 0; k < 9; k++) id += ID_ALPHABET[hashInts(seed, 0x1d, i, salt, k) % ID_ALPHABET.length];
  return id;
}

/** Builds the data set; every breed has at least one image at any scale. */
export function createDataset(seed: number, scale: number, options: DatasetOptions = {}): Dataset {
  const count = Math.max(BREED_TABLE.length * 2, Math.round(IMAGES_AT_SCALE_1 * scale));
  const breedWeights = cumulate(BREED_TABLE.map((b) => b[4]));
  const formatWeights = cumulate(FORMATS.map((f) => f[2]));
  const ids: string[] = [];
  const indexById = new Map<string, number>();
  const breed = new Int16Array(count);
  const format = new Uint8Array(count);
  const template = new Uint8Array(count);
  const content = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let id = imageId(seed, i, 0);
    for (let salt = 1; indexById.has(id); salt++) id = imageId(seed, i, salt);
    ids.push(id);
    indexById.set(id, i);
    const r = (field: number) => unit(hashInts(seed, 0x1a, i, field));
    // The first images cover every breed once, so a small scale still lists them all.
    breed[i] = i < BREED_TABLE.length ? i : r(1) < UNLABELLED_SHARE ? -1 : pickWeighted(breedWeights, r(2));
    const duplicateOf = i > BREED_TABLE.length && r(3) < DUPLICATE_SHARE ? Math.floor(r(4) * i) : -1;
    content[i] = duplicateOf >= 0 ? content[duplicateOf]! : i;
    format[i] = duplicateOf >= 0 ? format[duplicateOf]! : pickWeighted(formatWeights, r(5));
    const sizes = TEMPLATE_SIZES[formatOf(format[i]!).format].length;
    template[i] = duplicateOf >= 0 ? template[duplicateOf]! : hashInts(seed, 0x7e, i) % sizes;
  }
  const lists: number[][] = BREED_TABLE.map(() => []);
  breed.forEach((b, i) => {
    if (b >= 0) lists[b]!.push(i);
  });
  const byBreed = lists.map((list) => Int32Array.from(list));
  const base = { seed, scale, count, ids, indexById, breed, format, template, content, byBreed };
  return { ...base, crossPosts: options.crossPosts ? placeCrossPosts(base) : NO_CROSS_POSTS };
}
