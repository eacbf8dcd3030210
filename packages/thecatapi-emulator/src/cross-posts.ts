import { canonicalBreed } from "@cat-harvest/photos";
import { type CrossPost, placeCrossPostsOn } from "@cat-harvest/emulator-kit";
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
  return placeCrossPostsOn(data.seed, "thecatapi", (breed) => {
    const b = BREED_TABLE.findIndex(([id]) => canonicalBreed("thecatapi", id).name === breed);
    return b < 0 ? [] : [...data.byBreed[b]!].filter((i) => data.format[i] === JPEG && data.content[i] === i);
  });
}
