import type { BreedSource } from "./breed-source.js";
import { canonicalBreed } from "./canonical-breed.js";
import type { PhotoSource, SourceRecordPage, SourceRecordsOptions } from "./photo-source.js";

/** What a source searched by breed id gives `keyedBreedSource`; the rest of its `PhotoSource` is built from it. */
export interface KeyedBreedSourceParts<R> extends Pick<PhotoSource<R>, "terms" | "endpoint" | "candidates" | "quotaOf" | "credentialsProblem"> {
  /** The source's name, one the canonical breed table knows. */
  readonly name: BreedSource;
  /** Every breed's name and id (one call, kept for the source's life once it succeeds). */
  readonly breedIds: (signal: AbortSignal | undefined) => Promise<ReadonlyArray<{ readonly id: string; readonly name: string }>>;
  /** A breed's pages by its id, from `options.from`. */
  readonly pages: (breedId: string, options: SourceRecordsOptions) => AsyncIterable<SourceRecordPage<R>>;
}

/**
 * A `PhotoSource` whose searches take a breed id (RescueGroups.org, The Cat API): its breeds are
 * the names of `breedIds`, a breed's records are the pages of its id, and its labels and colours
 * come from the canonical breed table.
 */
export function keyedBreedSource<R>(parts: KeyedBreedSourceParts<R>): PhotoSource<R> {
  const { name, breedIds, pages, ...rest } = parts;
  let ids: Promise<Map<string, string>> | undefined;
  const idsByName = (signal?: AbortSignal) => {
    ids ??= breedIds(signal).then((breeds) => new Map(breeds.map((b) => [b.name, b.id])));
    ids.catch(() => (ids = undefined));
    return ids;
  };
  return {
    name,
    ...rest,
    breedLabel: (nameOrId) => canonicalBreed(name, nameOrId).name,
    isColour: (breed) => canonicalBreed(name, breed).colour,
    async breeds(_type, signal) {
      return [...(await idsByName(signal)).keys()];
    },
    async *records(breed, options) {
      const id = (await idsByName(options.signal)).get(breed);
      if (id !== undefined) yield* pages(id, options);
    },
  };
}
