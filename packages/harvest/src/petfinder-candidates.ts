import type { Animal } from "@cat-harvest/petfinder";
import { animalPhotoRows, type PhotoSize } from "@cat-harvest/photos";
import type { PhotoCandidate } from "./photo-candidate.js";

export interface PetfinderCandidatesOptions {
  /** The photo size asked for. */
  readonly size: PhotoSize;
  /** Keep only photos of these breed folders. @default every folder */
  readonly folders?: ReadonlySet<string> | undefined;
}

/**
 * The Petfinder source's candidates: one per photo of an animal and breed label (an animal of
 * two breeds is offered under both), at the size asked for.
 */
export function petfinderCandidates(options: PetfinderCandidatesOptions): (animal: Animal) => PhotoCandidate[] {
  const { size, folders } = options;
  return (animal) => {
    const out: PhotoCandidate[] = [];
    for (const row of animalPhotoRows(animal, { size })) {
      if (folders && !folders.has(row.folder)) continue;
      out.push({ url: row.url, breed: row.breed, recordId: row.animalId, photo: row.photo, size: row.size });
    }
    return out;
  };
}
