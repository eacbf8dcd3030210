import {
  canonicalBreed,
  keyedBreedSource,
  type PhotoCandidate,
  type PhotoSource,
  type SourceCandidatesOptions,
  type SourceRecordsOptions,
} from "@cat-harvest/photos";
import type { RescueGroupsClient } from "./client.js";
import { RescueGroupsAuthError, RescueGroupsQuotaError } from "./errors.js";
import type { RescueGroupsAnimal } from "./join-pictures.js";
import { rescueGroupsCandidates } from "./photo-candidates.js";
import { MAX_PAGE_SIZE } from "./search-params.js";

/** The source's name, in metadata lines and file names. */
export const RESCUEGROUPS_SOURCE = "rescuegroups" as const;

/** RescueGroups.org's terms, for the data set's list of sources. */
export const RESCUEGROUPS_TERMS = {
  title: "RescueGroups.org",
  url: "https://rescuegroups.org/api-terms-of-service/",
  attribution: "Photos from RescueGroups.org (rescuegroups.org) and the shelters and rescues that list the animals.",
  allows:
    "API data, pictures included, is licensed revocably for building services, for the use declared for the key; no selling, renting or leasing the data. Keep the source of every image.",
} as const;

/** One breed's pages (from page 1), from where an earlier run stopped. */
async function* rescueGroupsPages(
  client: Pick<RescueGroupsClient, "catPages">,
  breedId: string,
  { from, perBreed, signal }: SourceRecordsOptions,
): AsyncGenerator<{ records: readonly RescueGroupsAnimal[]; exhausted: boolean }> {
  const skip = from % MAX_PAGE_SIZE;
  const pages = client.catPages({ breedId, limit: MAX_PAGE_SIZE, page: Math.floor(from / MAX_PAGE_SIZE) + 1 }, { maxRecords: perBreed - from + skip, signal });
  let first = true;
  for await (const page of pages) {
    const records = first ? page.data.slice(skip) : page.data;
    first = false;
    const { meta } = page;
    const exhausted = page.data.length === 0 || (meta.pages === undefined ? page.data.length < meta.limit : meta.page >= meta.pages);
    yield { records, exhausted };
  }
}

/** The asked breeds' canonical folders (a photo is placed in its canonical breed's folder). */
function canonicalFolders({ folders, breeds }: SourceCandidatesOptions): Set<string> | undefined {
  if (!folders) return undefined;
  return new Set([...folders, ...[...(breeds ?? [])].map((name) => canonicalBreed(RESCUEGROUPS_SOURCE, name).folder)]);
}

/**
 * RescueGroups.org as a photo source of `harvest()`: its cat breeds, each breed's adoptable cats
 * with pictures (pages of 250), labelled with the canonical breed (files
 * `<Breed>/rescuegroups-<animalId>-<photo>.jpg`).
 *
 * @example
 * const summary = await harvest({ sources: [createRescueGroupsSource(createRescueGroupsClient({ apiKey }))], storage });
 */
export function createRescueGroupsSource(client: Pick<RescueGroupsClient, "baseUrl" | "catBreeds" | "catPages">): PhotoSource<RescueGroupsAnimal> {
  // One candidate maker per options object (the harvest passes one per source).
  const makers = new WeakMap<SourceCandidatesOptions, (animal: RescueGroupsAnimal) => PhotoCandidate[]>();
  return keyedBreedSource({
    name: RESCUEGROUPS_SOURCE,
    terms: RESCUEGROUPS_TERMS,
    endpoint: client.baseUrl,
    breedIds: (signal) => client.catBreeds(signal ? { signal } : {}),
    pages: (breedId, options) => rescueGroupsPages(client, breedId, options),
    candidates(animal, options) {
      let make = makers.get(options);
      if (!make) {
        const inner = rescueGroupsCandidates({ size: options.size, dropColorBreeds: options.noColours ?? false, folders: canonicalFolders(options) });
        make = (a) => inner(a).map((c) => ({ ...c, source: RESCUEGROUPS_SOURCE, fileName: `${RESCUEGROUPS_SOURCE}-${c.recordId}-${c.photo}.jpg` }));
        makers.set(options, make);
      }
      return make(animal);
    },
    quotaOf: (error) =>
      RescueGroupsQuotaError.isInstance(error) ? { resetAt: (error as RescueGroupsQuotaError).resetAt, what: "The RescueGroups.org request quota" } : undefined,
    credentialsProblem: (error) =>
      RescueGroupsAuthError.isInstance(error)
        ? "RescueGroups.org refused the key: check the apiKey the client was created with (keys: https://rescuegroups.org/services/adoptable-pet-data-api/), or harvest from a local emulator, which needs none."
        : undefined,
  });
}
