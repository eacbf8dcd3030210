import {
  breedFolderName,
  canonicalBreed,
  keyedBreedSource,
  type PhotoCandidate,
  type PhotoSource,
  type SourceCandidatesOptions,
  type SourceRecordsOptions,
} from "@cat-harvest/photos";
import { catApiCandidates, THECATAPI_SOURCE } from "./candidates.js";
import type { CatApiClient } from "./client.js";
import { CatApiAuthError, CatApiQuotaError } from "./errors.js";
import { ITERATION_PAGE_SIZE } from "./image-pages.js";
import type { Image } from "./schemas.js";

/** The Cat API's terms, for the data set's list of sources. */
export const THECATAPI_TERMS = {
  title: "The Cat API",
  url: "https://thecatapi.com/terms",
  attribution: 'Photos from The Cat API (thecatapi.com); credit "The Cat API" where the data set is used.',
  allows:
    "Free use with one key per application, no reselling of the API. Images were uploaded by the maintainers or given by their owners for others to use; no explicit licence covers redistributing them as a data set: check before publishing.",
} as const;

/** What the records cache keeps of an image: enough for its candidates. */
export interface CatApiRecord {
  readonly id: string;
  readonly url: string;
  readonly breeds: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

/** The image's file extension from its URL (`jpg`, `png`, `gif`), `jpg` when the URL has none. */
function extensionOf(url: string): string {
  const match = /\.(jpe?g|png|gif|webp)$/i.exec(new URL(url).pathname);
  return match ? match[1]!.toLowerCase().replace("jpeg", "jpg") : "jpg";
}

/** One breed's pages in order (page 0 first), from where an earlier run stopped. */
async function* catApiPages(
  client: Pick<CatApiClient, "imagePages">,
  breedId: string,
  { from, perBreed, signal }: SourceRecordsOptions,
): AsyncGenerator<{ records: CatApiRecord[]; exhausted: boolean }> {
  const skip = from % ITERATION_PAGE_SIZE;
  const pages = client.imagePages(
    { breedIds: breedId, order: "ASC", limit: ITERATION_PAGE_SIZE, page: Math.floor(from / ITERATION_PAGE_SIZE) },
    { maxRecords: perBreed - from + skip, signal },
  );
  let first = true;
  for await (const page of pages) {
    const images: Image[] = first ? page.images.slice(skip) : page.images;
    first = false;
    const p = page.pagination;
    const exhausted = !p || page.images.length === 0 || (page.page + 1) * p.limit >= p.count;
    yield { records: images.map(({ id, url, breeds }) => ({ id, url, breeds: breeds.map((b) => ({ id: b.id, name: b.name })) })), exhausted };
  }
}

/** An image's candidates under its canonical breed, as `<Breed>/thecatapi-<id>.<ext>`. */
function catApiSourceCandidates(image: CatApiRecord, { folders, breeds, noColours }: SourceCandidatesOptions): PhotoCandidate[] {
  const asked = image.breeds.filter((b) => !folders || folders.has(breedFolderName(b.name)) || breeds?.has(b.name));
  if (asked.length === 0) return [];
  const fileName = `${THECATAPI_SOURCE}-${image.id}.${extensionOf(image.url)}`;
  return catApiCandidates({ ...image, breeds: asked } as Image, { breedLabel: (b) => canonicalBreed(THECATAPI_SOURCE, b.id).name })
    .filter((c) => !noColours || !canonicalBreed(THECATAPI_SOURCE, c.sourceBreedId ?? c.breed).colour)
    .map(({ url, breed, recordId, photo }) => ({ url, breed, recordId, photo, source: THECATAPI_SOURCE, fileName }));
}

/**
 * The Cat API as a photo source of `harvest()`: its breeds, each breed's images in order
 * (pages of 25), labelled with the canonical breed (files `<Breed>/thecatapi-<id>.<ext>`).
 *
 * @example
 * const summary = await harvest({ sources: [createCatApiSource(createCatApiClient({ apiKey }))], storage });
 */
export function createCatApiSource(client: Pick<CatApiClient, "baseUrl" | "breeds" | "imagePages">): PhotoSource<CatApiRecord> {
  return keyedBreedSource({
    name: THECATAPI_SOURCE,
    terms: THECATAPI_TERMS,
    endpoint: client.baseUrl,
    breedIds: (signal) => client.breeds(signal ? { signal } : {}),
    pages: (breedId, options) => catApiPages(client, breedId, options),
    candidates: catApiSourceCandidates,
    quotaOf: (error) =>
      CatApiQuotaError.isInstance(error) ? { resetAt: (error as CatApiQuotaError).resetAt, what: "The Cat API's request quota" } : undefined,
    credentialsProblem: (error) =>
      CatApiAuthError.isInstance(error)
        ? "The Cat API refused the key: check the apiKey the client was created with (a free key: https://thecatapi.com/signup), or harvest from a local emulator, which needs none."
        : undefined,
  });
}
