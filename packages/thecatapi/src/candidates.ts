import type { Breed, Image } from "./schemas.js";

/** The source name a pipeline records for these photos. */
export const THECATAPI_SOURCE = "thecatapi";

/**
 * One photo The Cat API offers the pipeline, shaped like `PhotoCandidate` of
 * `@cat-harvest/harvest` (url, breed, recordId, photo), defined here structurally: The Cat API's
 * record ids are strings ("0XYvRd7oD") where today's `PhotoCandidate.recordId` is a Petfinder
 * number, and importing the pipeline into a client would pull it all in.
 */
export interface CatApiPhotoCandidate {
  readonly url: string;
  /** The label: the breed's name as the API gives it, unless `breedLabel` maps it. */
  readonly breed: string;
  /** The image id, the stable key of the record. */
  readonly recordId: string;
  /** Each image is its own record, so there is no photo number. */
  readonly photo: null;
  readonly source: typeof THECATAPI_SOURCE;
  /** The API's breed id (`beng`), or `null` for an image without a breed. */
  readonly sourceBreedId: string | null;
}

/** How images become candidates. */
export interface CandidateOptions {
  /**
   * The label of a breed: the seam for a canonical breed table across sources (in
   * `@cat-harvest/photos`), which maps The Cat API's ids and names to one folder name.
   * @default the breed's name as given ("Bengal")
   */
  breedLabel?: (breed: Pick<Breed, "id" | "name">) => string;
  /**
   * The label of an image without a breed; when absent such images yield no candidate.
   * @default undefined
   */
  unlabelled?: string;
}

/**
 * The candidates of one image: one per breed it carries (the API lists one at most, in practice),
 * or one labelled `unlabelled` when it has none and that option is given.
 *
 * @example
 * for await (const image of client.searchImages({ breedIds: "beng" })) queue.push(...catApiCandidates(image));
 */
export function catApiCandidates(image: Image, options: CandidateOptions = {}): CatApiPhotoCandidate[] {
  const label = options.breedLabel ?? ((breed) => breed.name);
  const base = { url: image.url, recordId: image.id, photo: null, source: THECATAPI_SOURCE } as const;
  if (image.breeds.length === 0) return options.unlabelled === undefined ? [] : [{ ...base, breed: options.unlabelled, sourceBreedId: null }];
  return image.breeds.map((breed) => ({ ...base, breed: label(breed), sourceBreedId: breed.id }));
}
