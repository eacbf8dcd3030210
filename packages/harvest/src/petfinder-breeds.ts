import { PetfinderAuthError, type PetfinderClient } from "@cat-harvest/petfinder";
import { closestNames } from "./closest-names.js";
import { HarvestCredentialsError, HarvestUnknownBreedError } from "./errors.js";
import type { CachedRecordsSummary } from "./petfinder-records-cache.js";

/** Every breed of `type`: from the records cache when it has the list (no API call), else from the API. */
export async function listBreeds(
  type: string,
  client: PetfinderClient | undefined,
  cached: CachedRecordsSummary | undefined,
  signal?: AbortSignal,
): Promise<string[]> {
  if (cached && cached.breeds.length > 0) return [...cached.breeds];
  if (!client) throw new TypeError("harvest: a client is needed (no records cache holds this type's breeds)");
  try {
    return (await client.breeds(type, signal ? { signal } : {})).map((b) => b.name);
  } catch (error) {
    if (PetfinderAuthError.isInstance(error)) {
      throw new HarvestCredentialsError(
        "Petfinder refused the credentials: check the clientId and clientSecret the client was created with (https://www.petfinder.com/developers/), or harvest from a local emulator, which needs none.",
        { cause: error },
      );
    }
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
