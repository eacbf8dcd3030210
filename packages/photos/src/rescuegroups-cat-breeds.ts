import type { SourceBreed } from "./breed-source.js";
import { PETFINDER_CAT_BREEDS } from "./petfinder-cat-breeds.js";

/** Petfinder's v2-only spellings; RescueGroups kept v1's "Bobtail" and "Pixie-Bob" (UNCONFIRMED). */
const NOT_RESCUEGROUPS = new Set(["American Bobtail", "Pixiebob"]);

/** RescueGroups' spellings where they differ from Petfinder's, as far as we know (UNCONFIRMED). */
const SPELLINGS: ReadonlyMap<string, string> = new Map([
  ["Extra-Toes Cat / Hemingway Polydactyl", "Extra-Toes Cat (Hemingway Polydactyl)"],
  ["Sphynx / Hairless Cat", "Sphynx (hairless cat)"],
]);

/** The one id the reference gives (its example of the all-species breed list). */
const IDS: ReadonlyMap<string, string> = new Map([["Abyssinian", "1"]]);

/**
 * RescueGroups.org v5 cat breed names: RescueGroups feeds Petfinder and shares its (v1)
 * names, with the spellings above. The reference (rescuegroups-v5.md) gives one id only (`"1"`
 * Abyssinian), so every other breed is keyed by name; a harvest turns the ids it meets into
 * names through the API's own breed list (`GET /public/animals/breeds/search/cats/`) first.
 * The case- and punctuation-insensitive lookup meets other spellings anyway.
 */
export const RESCUEGROUPS_CAT_BREEDS: readonly SourceBreed[] = PETFINDER_CAT_BREEDS.filter(({ name }) => !NOT_RESCUEGROUPS.has(name)).map(({ name }) => {
  const spelling = SPELLINGS.get(name);
  const id = IDS.get(name);
  return { ...(id === undefined ? {} : { id }), name: spelling ?? name, ...(spelling === undefined ? {} : { canonical: name }) };
});
