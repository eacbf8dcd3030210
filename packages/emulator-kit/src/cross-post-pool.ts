import { catJpegTemplates } from "./cat-jpeg-templates.js";
import { hashInts, hashString } from "./hash.js";
import { type ImageParts, labelledImage } from "./image-parts.js";
import { noiseBytes } from "./noise.js";

/** The emulators that cross-post, by the source name each speaks for. */
export const CROSS_POST_SITES = ["petfinder", "rescuegroups", "thecatapi"] as const;
export type CrossPostSite = (typeof CROSS_POST_SITES)[number];

/**
 * The canonical breed names (`canonicalBreed(...).name` in `@cat-harvest/photos`) that have a
 * cross-posted pool: breeds all three sources list under the same canonical name, common
 * enough that each emulator has cats of them with that breed alone at scale 0.02.
 */
export const CROSS_POST_BREEDS: readonly string[] = ["American Shorthair", "Bengal", "Bombay", "Maine Coon", "Manx", "Persian", "Russian Blue", "Siamese"];

/** Photos in each breed's pool: one on all three sites, and one on each pair of sites. */
export const CROSS_POSTS_PER_BREED = 4;

/** Which sites post the pool's photo number n (before a per-breed rotation): every pattern once per breed. */
const SITE_PATTERNS: readonly (readonly CrossPostSite[])[] = [
  ["petfinder", "rescuegroups", "thecatapi"],
  ["petfinder", "rescuegroups"],
  ["rescuegroups", "thecatapi"],
  ["petfinder", "thecatapi"],
];

/** The pictures a pooled photo is drawn from, as [width, height] (JPEG on every site). */
const POOL_TEMPLATE_SIZES: readonly (readonly [number, number])[] = [
  [800, 600],
  [600, 800],
  [720, 720],
  [960, 640],
];

/** Most padding bytes of a pooled photo, so their sizes vary. */
const MAX_PADDING = 4000;

/** One photo of the pool: the same bytes on every site that posts it. */
export interface CrossPost {
  /** The pool id, e.g. `"xp-maine-coon-2"`: what a truth line's `cross_post` key holds. */
  readonly id: string;
  /** The canonical breed name the pool belongs to. */
  readonly breed: string;
  /** The sites that post it (two or three). */
  readonly sites: readonly CrossPostSite[];
  readonly width: number;
  readonly height: number;
  /** A seeded hash of the photo, for a site to pick the record that carries it. */
  readonly hash: number;
  readonly seed: number;
  /** Its picture: an index into the pool's templates. */
  readonly template: number;
}

const slug = (breed: string) => breed.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/**
 * The cross-posted pool of a canonical breed at a seed: `CROSS_POSTS_PER_BREED` photos, each
 * posted on two or three sites, or `[]` for a breed outside `CROSS_POST_BREEDS`. Deterministic:
 * the same seed and breed give the same photos, whichever emulator asks.
 *
 * @example crossPostPool(1, "Siamese").map((p) => p.id) // ["xp-siamese-0", "xp-siamese-1", "xp-siamese-2", "xp-siamese-3"]
 */
export function crossPostPool(seed: number, breed: string): readonly CrossPost[] {
  if (!CROSS_POST_BREEDS.includes(breed)) return [];
  const rotation = hashString(breed, seed) % SITE_PATTERNS.length;
  return Array.from({ length: CROSS_POSTS_PER_BREED }, (_, n) => {
    const hash = hashInts(seed, 0xc905, hashString(breed), n);
    const template = hash % POOL_TEMPLATE_SIZES.length;
    const [width, height] = POOL_TEMPLATE_SIZES[template]!;
    const sites = SITE_PATTERNS[(n + rotation) % SITE_PATTERNS.length]!;
    return { id: `xp-${slug(breed)}-${n}`, breed, sites, width, height, hash, seed, template };
  });
}

/** Every pooled photo `site` posts at a seed, breed by breed (`CROSS_POST_BREEDS` order). */
export function crossPostsOf(seed: number, site: CrossPostSite): CrossPost[] {
  return CROSS_POST_BREEDS.flatMap((breed) => crossPostPool(seed, breed).filter((post) => post.sites.includes(site)));
}

/**
 * Places the pool photos `site` posts on its records: each photo on one of `candidates(breed)`
 * (the site's records that may carry a photo of that canonical breed, in a fixed order), picked
 * from the photo's seeded hash, the next one along when taken. A breed without a free candidate
 * leaves its photo out. Returns the carriers, each with its photo.
 */
export function placeCrossPostsOn<K>(seed: number, site: CrossPostSite, candidates: (breed: string) => readonly K[]): Map<K, CrossPost> {
  const placed = new Map<K, CrossPost>();
  const byBreed = new Map<string, readonly K[]>();
  for (const post of crossPostsOf(seed, site)) {
    let list = byBreed.get(post.breed);
    if (!list) {
      list = candidates(post.breed);
      byBreed.set(post.breed, list);
    }
    for (let step = 0; step < list.length; step++) {
      const carrier = list[(post.hash + step) % list.length]!;
      if (placed.has(carrier)) continue;
      placed.set(carrier, post);
      break;
    }
  }
  return placed;
}

/** Pool template `k`, encoded once per process on first use. */
const poolTemplate = catJpegTemplates(POOL_TEMPLATE_SIZES, 50, 80);

/** Encodes the pool's templates, one task each (an emulator's warm-up runs them in the background). */
export function* crossPostWarmUpTasks(): Generator<() => void> {
  for (let k = 0; k < POOL_TEMPLATE_SIZES.length; k++) yield () => void poolTemplate(k);
}

const encoder = new TextEncoder();

/** The bytes of a pooled photo: a JPEG whose label names the pool id, never the site, so every site serves the same bytes. */
export function crossPostParts(post: CrossPost): ImageParts {
  const label = encoder.encode(`cross-post seed=${post.seed} id=${post.id};`);
  return labelledImage("jpeg", poolTemplate(post.template), label, noiseBytes(hashInts(post.hash, 7), post.hash % MAX_PADDING));
}
