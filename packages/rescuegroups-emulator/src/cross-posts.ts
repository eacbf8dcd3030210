import { canonicalBreed } from "@cat-harvest/photos";
import { type CrossPost, placeCrossPostsOn } from "@cat-harvest/emulator-kit";
import { CAT_BREEDS } from "./breed-table.js";
import type { Dataset } from "./dataset.js";
import type { PictureSize } from "./picture-templates.js";

/**
 * Places the pool photos RescueGroups posts, each on one picture of a cat whose only breed is
 * the pool's (by `canonicalBreed("rescuegroups", name)`), a picture that is its own (not a
 * re-post), picked from the seeded hash of the photo. A breed without such a cat leaves its photos out.
 */
export function placeCrossPosts(data: Omit<Dataset, "crossPosts">): ReadonlyMap<number, CrossPost> {
  return placeCrossPostsOn(data.seed, "rescuegroups", (breed) => {
    const b = CAT_BREEDS.findIndex(({ name }) => canonicalBreed("rescuegroups", name).name === breed);
    return b < 0 ? [] : ownPicturesOfSingleBreedCats(data, data.byBreed[b]!);
  });
}

/** The pictures of `cats` that have no secondary breed, each its own (not a re-post). */
function ownPicturesOfSingleBreedCats(data: Omit<Dataset, "crossPosts">, cats: Int32Array): number[] {
  const out: number[] = [];
  for (const i of cats) {
    if (data.secondary[i] !== -1) continue;
    for (let p = data.pictureStart[i]!; p < data.pictureStart[i + 1]!; p++) if (data.content[p] === p) out.push(p);
  }
  return out;
}

/** The pool photo picture `p` serves at a size: only the `original` (as uploaded) is the pooled bytes. */
export function crossPostAt(data: Dataset, p: number, size: PictureSize): CrossPost | undefined {
  return size === "original" ? data.crossPosts.get(data.content[p]!) : undefined;
}
