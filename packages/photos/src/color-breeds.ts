/**
 * Petfinder cat "breeds" that name a coat colour or pattern, not a breed; the 2018 write-up
 * kept them as classes. `animalPhotoRows(animal, { dropColorBreeds: true })` leaves them out.
 */
export const COLOR_BREEDS: ReadonlySet<string> = new Set([
  "Tabby",
  "Calico",
  "Tortoiseshell",
  "Tuxedo",
  "Torbie",
  "Tiger",
  "Dilute Calico",
  "Dilute Tortoiseshell",
  "Silver",
]);

const LOWER = new Set([...COLOR_BREEDS].map((name) => name.toLowerCase()));

/**
 * Whether a breed label is a colour or pattern (see `COLOR_BREEDS`), ignoring case and
 * surrounding spaces.
 *
 * @example
 * isColorBreed("tabby"); // true
 * isColorBreed("Oriental Tabby"); // false: a breed
 */
export function isColorBreed(breed: string): boolean {
  return typeof breed === "string" && LOWER.has(breed.trim().replace(/\s+/g, " ").toLowerCase());
}
