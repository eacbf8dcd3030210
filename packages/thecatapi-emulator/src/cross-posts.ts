import { canonicalBreed } from "@cat-harvest/photos";
import { type CrossPost, crossPostsOf } from "@cat-harvest/emulator-kit";
import { BREED_TABLE } from "./breed-table.js";
import type { Dataset } from "./dataset.js";

/** The format index of JPEG in the data set's formats: a cross-posted photo is a JPEG on every site. */
const JPEG = 0;

/**
 * Places the pool photos The Cat API posts, each on one JPEG image of the pool's breed (by
 * `canonicalBreed("thecatapi", id)`) that is its own upload (not a re-upload), picked from the
 * seeded hash of the photo. A breed without such an image leaves its photos out.
 */
export function placeCrossPosts(data: Omit<Dataset, "crossPosts">): ReadonlyMap<number, CrossPost> {
  const placed = new Map<number, CrossPost>();
  for (const post of crossPostsOf(data.seed, "thecatapi")) {
    const b = BREED_TABLE.findIndex(([id]) => canonicalBreed("thecatapi", id).name === post.breed);
    const list = b < 0 ? [] : [...data.byBreed[b]!].filter((i) => data.format[i] === JPEG && data.content[i] === i);
    for (let step = 0; step < list.length; step++) {
      const i = list[(post.hash + step) % list.length]!;
      if (placed.has(i)) continue;
      placed.set(i, post);
      break;
    }
  }
  return placed;
}
