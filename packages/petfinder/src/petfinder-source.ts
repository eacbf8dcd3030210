import { animalPhotoRows, canonicalBreed, type PhotoCandidate, type PhotoSource, type SourceRecordPage, type SourceRecordsOptions } from "@cat-harvest/photos";
import type { PetfinderClient } from "./client.js";
import { PetfinderAuthError, PetfinderQuotaError } from "./errors.js";
import type { Animal } from "./schemas.js";

/** Records asked for per page: the API's maximum, fixed so a partial breed can continue where it stopped. */
export const PETFINDER_PAGE_SIZE = 100;
/**
 * Pages of a breed requested ahead of the one being read: a breed of 15 pages then takes
 * about 8 round trips, so the last breeds do not leave the API phase waiting on one chain of
 * requests (the client's requests-per-second ceiling still holds). More pages in flight let
 * more of them reach a busy server at once, inside one of its rate-limit windows: measured
 * at 2 ahead, 1 x 429 in 15 whole harvests; at 1, none in 6.
 */
const PAGES_AHEAD = 1;

/** Petfinder as a source of the cat-harvest pipeline. */
export const PETFINDER_TERMS = {
  title: "Petfinder",
  url: "https://www.petfinder.com/developers/api-docs/terms-of-service/",
  attribution: "Photos from Petfinder (petfinder.com) and the shelters that list the animals.",
  allows:
    "Non-commercial use of the API's data to help animals get adopted; photos belong to the organizations that posted them. Ask them before publishing photos beyond that.",
} as const;

/** One breed's pages, from where an earlier run stopped (a partial first page is cut). */
async function* petfinderPages(
  client: Pick<PetfinderClient, "animalPages">,
  breed: string,
  { type, from, perBreed, signal }: SourceRecordsOptions,
): AsyncGenerator<SourceRecordPage<Animal>> {
  const skip = from % PETFINDER_PAGE_SIZE;
  const pages = client.animalPages(
    { type, breed, limit: PETFINDER_PAGE_SIZE, page: Math.floor(from / PETFINDER_PAGE_SIZE) + 1 },
    { maxRecords: perBreed - from + skip, signal, prefetch: PAGES_AHEAD },
  );
  let first = true;
  for await (const page of pages) {
    const records = first ? page.animals.slice(skip) : page.animals;
    first = false;
    yield { records, exhausted: page.animals.length === 0 || page.pagination.current_page >= page.pagination.total_pages };
  }
}

/** An animal's candidates: one per photo and breed label (an animal of two breeds is offered under both), at the size asked for. */
function petfinderCandidates(animal: Animal, options: Parameters<PhotoSource["candidates"]>[1]): PhotoCandidate[] {
  const out: PhotoCandidate[] = [];
  for (const row of animalPhotoRows(animal, { size: options.size })) {
    if (options.folders && !options.folders.has(row.folder)) continue;
    if (options.noColours && canonicalBreed("petfinder", row.breed).colour) continue;
    out.push({ url: row.url, breed: row.breed, recordId: row.animalId, photo: row.photo, size: row.size, source: "petfinder" });
  }
  return out;
}

/**
 * Petfinder as a photo source of `harvest()`: its cat breeds, its animals per breed in pages
 * of 100, their photos at the size asked for (files `<Breed>/<animalId>-<photo>.jpg`).
 *
 * @example
 * const summary = await harvest({ sources: [createPetfinderSource(createPetfinderClient({ clientId, clientSecret }))], storage });
 */
export function createPetfinderSource(client: Pick<PetfinderClient, "baseUrl" | "breeds" | "animalPages">): PhotoSource<Animal> {
  return {
    name: "petfinder",
    terms: PETFINDER_TERMS,
    endpoint: client.baseUrl,
    breedLabel: (nameOrId) => canonicalBreed("petfinder", nameOrId).name,
    isColour: (name) => canonicalBreed("petfinder", name).colour,
    async breeds(type, signal) {
      return (await client.breeds(type, signal ? { signal } : {})).map((b) => b.name);
    },
    records: (breed, options) => petfinderPages(client, breed, options),
    candidates: petfinderCandidates,
    quotaOf: (error) =>
      PetfinderQuotaError.isInstance(error) ? { resetAt: (error as PetfinderQuotaError).resetAt, what: "The Petfinder daily request quota" } : undefined,
    credentialsProblem: (error) =>
      PetfinderAuthError.isInstance(error)
        ? "Petfinder refused the credentials: check the clientId and clientSecret the client was created with (https://www.petfinder.com/developers/), or harvest from a local emulator, which needs none."
        : undefined,
  };
}
