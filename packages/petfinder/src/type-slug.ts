/**
 * The path slug of an animal type: `"Small & Furry"` -> `"small-furry"`,
 * `"Scales, Fins & Other"` -> `"scales-fins-other"`. Slugs pass through unchanged.
 */
export function typeSlug(type: string): string {
  if (typeof type !== "string") throw new TypeError(`type must be a string such as "cat", got ${typeof type}`);
  const slug = type
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!slug) throw new TypeError(`type ${JSON.stringify(type)} has no letters; pass a type name such as "Cat" or a slug such as "cat"`);
  return slug;
}
