import { breedFolderName, type PhotoSource } from "@cat-harvest/photos";
import { closestNames } from "./closest-names.js";
import { HarvestCredentialsError, HarvestUnknownBreedError } from "./errors.js";
import type { CachedRecordsSummary } from "./records-cache.js";

/** Every breed of `type`: from the records cache when it has the list (no API call), else from the API. */
export async function listBreeds(type: string, source: PhotoSource, cached: CachedRecordsSummary | undefined, signal?: AbortSignal): Promise<string[]> {
  if (cached && cached.breeds.length > 0) return [...cached.breeds];
  try {
    return await source.breeds(type, signal);
  } catch (error) {
    const problem = source.credentialsProblem(error);
    if (problem !== undefined) throw new HarvestCredentialsError(problem, { cause: error });
    throw error;
  }
}

/** The asked breed names (any case) as the API spells them; unknown names throw `HarvestUnknownBreedError`. */
export function resolveBreeds(type: string, asked: readonly string[] | undefined, known: readonly string[]): string[] {
  if (!asked || asked.length === 0) return [...known];
  const byLower = new Map(known.map((name) => [name.toLowerCase(), name]));
  const out: string[] = [];
  const unknown: string[] = [];
  for (const name of asked) {
    const match = byLower.get(name.trim().toLowerCase());
    if (match) {
      if (!out.includes(match)) out.push(match);
    } else unknown.push(name.trim());
  }
  if (unknown.length > 0) {
    throw new HarvestUnknownBreedError(type, unknown, Object.fromEntries(unknown.map((name) => [name, closestNames(name, known)])));
  }
  return out;
}

/**
 * The asked breeds per source: each source takes the asked names it knows, by name (any case),
 * folder name or the breed they stand for (`breedLabel`: "beng" is The Cat API's "Bengal"); a
 * name no source knows throws `HarvestUnknownBreedError`.
 */
export function resolveSourceBreeds(
  type: string,
  asked: readonly string[] | undefined,
  known: ReadonlyArray<{ readonly source: Pick<PhotoSource, "breedLabel">; readonly names: readonly string[] }>,
): string[][] {
  if (!asked || asked.length === 0) return known.map(({ names }) => [...names]);
  const matchOf = ({ source, names }: (typeof known)[number], name: string) => {
    const wanted = name.trim();
    const exact = names.find((n) => n.toLowerCase() === wanted.toLowerCase());
    if (exact) return exact;
    const folder = breedFolderName(wanted).toLowerCase();
    const label = source.breedLabel?.(wanted);
    return names.find((n) => breedFolderName(n).toLowerCase() === folder || (label !== undefined && source.breedLabel!(n) === label));
  };
  const unknown = asked.filter((name) => known.every((k) => matchOf(k, name) === undefined)).map((name) => name.trim());
  if (unknown.length > 0) {
    const all = [...new Set(known.flatMap((k) => k.names))];
    throw new HarvestUnknownBreedError(type, unknown, Object.fromEntries(unknown.map((name) => [name, closestNames(name, all)])));
  }
  return known.map((k) => [...new Set(asked.flatMap((name) => matchOf(k, name) ?? []))]);
}
