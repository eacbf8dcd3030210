import { canonicalBreed, type CanonicalBreed, type PhotoSize } from "@cat-harvest/photos";
import { choosePictureUrl } from "./choose-picture-url.js";
import type { RescueGroupsAnimal } from "./join-pictures.js";

/**
 * One photo offered to the cat-harvest pipeline. It has the shape of `PhotoCandidate` from
 * `@cat-harvest/harvest` (checked by a type test), declared here so this client does not
 * depend on the pipeline that will depend on it.
 */
export interface RescueGroupsPhotoCandidate {
  readonly url: string;
  /** The canonical breed name (`canonicalBreed("rescuegroups", ...)`), whose folder the photo goes to. */
  readonly breed: string;
  /** The animal's id. */
  readonly recordId: number;
  /** The picture's `order` (1 is the primary picture), or its position when the orders are missing or repeat. */
  readonly photo: number;
  readonly size: PhotoSize;
}

/** Why `rescueGroupsCandidates` left something out. */
export type RescueGroupsSkipReason = "invalid-animal" | "no-pictures" | "no-breed" | "color-breed" | "no-usable-url" | "duplicate-url";

export interface RescueGroupsSkip {
  readonly reason: RescueGroupsSkipReason;
  readonly animalId: string;
  readonly breed?: string;
  readonly photo?: number;
  readonly detail: string;
}

export interface RescueGroupsCandidatesOptions {
  /**
   * The size to take: `full` is the picture as uploaded, `large` about 500 px, `small` about 100 px; a missing one falls back as `sizeFallbackOrder` says.
   * @default "largest"
   */
  readonly size?: PhotoSize | "largest";
  /**
   * `"both"` offers a photo under the primary and the secondary breed; `"primary"` under the primary only.
   * @default "both"
   */
  readonly breedFields?: "both" | "primary";
  /**
   * Leave out colour "breeds" (Tabby, Calico, ...): `CanonicalBreed.colour`.
   * @default false
   */
  readonly dropColorBreeds?: boolean;
  /** Keep only photos of these breed folders. @default every folder */
  readonly folders?: ReadonlySet<string> | undefined;
  /** Told about everything left out; bad data is never thrown. */
  readonly onSkip?: (skip: RescueGroupsSkip) => void;
}

/** The animal's breeds as the API gives them (the name, else the id), mapped to canonical breeds; a secondary in the primary's folder counts once. */
function breedsOf(animal: RescueGroupsAnimal, breedFields: "both" | "primary"): CanonicalBreed[] {
  const { breedPrimary, breedPrimaryId, breedSecondary, breedSecondaryId } = animal.attributes;
  const given = [breedPrimary?.trim() || breedPrimaryId];
  if (breedFields === "both") given.push(breedSecondary?.trim() || breedSecondaryId);
  const breeds: CanonicalBreed[] = [];
  for (const label of given) {
    if (label === undefined || label === "") continue;
    const breed = canonicalBreed("rescuegroups", label);
    if (!breeds.some((b) => b.folder.toLowerCase() === breed.folder.toLowerCase())) breeds.push(breed);
  }
  return breeds;
}

/** Picture orders as photo numbers when each is a distinct positive whole number, else positions from 1. */
function photoNumbers(animal: RescueGroupsAnimal): number[] {
  const orders = animal.pictures.map((p) => p.order);
  const usable = orders.every((o) => o !== undefined && Number.isSafeInteger(o) && o > 0) && new Set(orders).size === orders.length;
  return usable ? (orders as number[]) : orders.map((_, i) => i + 1);
}

/**
 * The RescueGroups source's photo candidates: one per picture of an animal and breed (an animal
 * of two breeds is offered under both), the animal's id as the record id, the picture order as
 * the photo number, each breed mapped by `canonicalBreed`.
 *
 * @example
 * const candidatesOf = rescueGroupsCandidates({ size: "large" });
 * for await (const cat of client.searchCats({ breedId: 1 })) for (const candidate of candidatesOf(cat)) queue(candidate);
 */
export function rescueGroupsCandidates(options: RescueGroupsCandidatesOptions = {}): (animal: RescueGroupsAnimal) => RescueGroupsPhotoCandidate[] {
  const { size = "largest", breedFields = "both", dropColorBreeds = false, folders, onSkip } = options;
  if (breedFields !== "both" && breedFields !== "primary") {
    throw new TypeError(`rescueGroupsCandidates: breedFields must be "both" or "primary", got ${JSON.stringify(breedFields)}`);
  }
  return (animal) => {
    const skip = (entry: RescueGroupsSkip) => onSkip?.(entry);
    const recordId = /^\d+$/.test(animal.id) ? Number(animal.id) : NaN;
    if (!Number.isSafeInteger(recordId) || recordId <= 0) {
      skip({ reason: "invalid-animal", animalId: animal.id, detail: `animal ${JSON.stringify(animal.id)} has no positive whole-number id` });
      return [];
    }
    if (animal.pictures.length === 0) {
      skip({ reason: "no-pictures", animalId: animal.id, detail: `animal ${animal.id} has no pictures in the answer` });
      return [];
    }
    const given = breedsOf(animal, breedFields);
    if (given.length === 0) {
      skip({ reason: "no-breed", animalId: animal.id, detail: `animal ${animal.id} has no breed` });
      return [];
    }
    const breeds = given.filter((breed) => {
      if (!dropColorBreeds || !breed.colour) return true;
      skip({ reason: "color-breed", animalId: animal.id, breed: breed.name, detail: `"${breed.name}" is a colour, not a breed, and dropColorBreeds is on` });
      return false;
    });
    if (breeds.length === 0) return [];
    const photos = chosenPictures(animal, size, skip);
    return breeds
      .filter((breed) => !folders || folders.has(breed.folder))
      .flatMap((breed) => photos.map(({ url, size: taken, photo }) => ({ url, breed: breed.name, recordId, photo, size: taken })));
  };
}

/** Each picture's URL at the size asked for, with its photo number; unusable and repeated ones are reported and left out. */
function chosenPictures(animal: RescueGroupsAnimal, size: PhotoSize | "largest", skip: (entry: RescueGroupsSkip) => void) {
  const numbers = photoNumbers(animal);
  const seen = new Set<string>();
  return animal.pictures.flatMap((picture, i) => {
    const photo = numbers[i]!;
    const chosen = choosePictureUrl(picture, size);
    if (!chosen) {
      skip({ reason: "no-usable-url", animalId: animal.id, photo, detail: `picture ${picture.id} of animal ${animal.id} has no usable URL` });
      return [];
    }
    if (seen.has(chosen.canonical)) {
      skip({ reason: "duplicate-url", animalId: animal.id, photo, detail: `picture ${picture.id} of animal ${animal.id} repeats an earlier picture's URL` });
      return [];
    }
    seen.add(chosen.canonical);
    return [{ url: chosen.url, size: chosen.size, photo }];
  });
}
