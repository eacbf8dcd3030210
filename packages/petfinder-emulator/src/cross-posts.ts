import { type CrossPost, placeCrossPostsOn } from "@cat-harvest/emulator-kit";
import { ANIMAL_TYPES, CAT_TYPE_INDEX, NONE } from "./catalog.js";
import type { Dataset } from "./dataset.js";
import type { PhotoSize } from "./photo-sizes.js";
import { isRepostCandidate } from "./repost.js";

/** How many of a breed's most recent fitting photos a pool photo is placed among, so a newest-first harvest capped per breed reaches it. */
const RECENT_PHOTOS = 64;

/** The key of photo `photo` (1-based, at most 7) of animal `index` in `Dataset.crossPosts`. */
export function crossPostKey(index: number, photo: number): number {
  return index * 8 + photo;
}

/** The photos (as `crossPostKey`s) of adoptable cats with one breed, by breed, each photo its own (not a re-post). */
function ownPhotosOfSingleBreedCats(data: Omit<Dataset, "crossPosts">): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < data.count; i++) {
    if (data.type[i] !== CAT_TYPE_INDEX || data.status[i] !== 0 || data.secondary[i] !== NONE) continue;
    for (let photo = 1; photo <= data.photos[i]!; photo++) {
      if (isRepostCandidate(data, i, photo)) continue;
      const list = out.get(data.primary[i]!) ?? [];
      list.push(crossPostKey(i, photo));
      out.set(data.primary[i]!, list);
    }
  }
  return out;
}

/**
 * Places the pool photos Petfinder posts, each on one adoptable cat whose only breed is the
 * pool's (Petfinder names are the canonical names), on a photo that is its own (not a re-post),
 * picked from the seeded hash of the photo among the breed's most recent ones (index 0 is the
 * newest). A breed without such a cat leaves its photos out.
 */
export function placeCrossPosts(data: Omit<Dataset, "crossPosts">): ReadonlyMap<number, CrossPost> {
  const breeds = ANIMAL_TYPES[CAT_TYPE_INDEX]!.breeds;
  const photos = ownPhotosOfSingleBreedCats(data);
  return placeCrossPostsOn(data.seed, "petfinder", (breed) => (photos.get(breeds.indexOf(breed)) ?? []).slice(0, RECENT_PHOTOS));
}

/** The pool photo a photo serves, given the photo supplying its content: only its `full` size (as uploaded) is the pooled bytes. */
export function crossPostAt(data: Dataset, contentIndex: number, contentPhoto: number, size: PhotoSize): CrossPost | undefined {
  return size === "full" ? data.crossPosts.get(crossPostKey(contentIndex, contentPhoto)) : undefined;
}
