/** The four variants the Petfinder v2 API lists for each photo. */
export type PhotoSize = "small" | "medium" | "large" | "full";

/** Every size, smallest first. */
export const PHOTO_SIZES: readonly PhotoSize[] = Object.freeze(["small", "medium", "large", "full"]);

/** The `width=` each key of `animal.photos[]` carries on Petfinder's CDN; `full` has none (the original). */
export const PHOTO_SIZE_WIDTHS: Readonly<Record<PhotoSize, number | null>> = Object.freeze({
  small: 100,
  medium: 300,
  large: 600,
  full: null,
});

/**
 * The order in which sizes are tried when `wanted` is missing or unusable: the size asked
 * for, then the larger sizes nearest first (a larger image can always be scaled down), then
 * the smaller sizes nearest first. With no size asked for, the largest comes first.
 *
 * @example
 * sizeFallbackOrder("medium"); // ["medium", "large", "full", "small"]
 * sizeFallbackOrder();         // ["full", "large", "medium", "small"]
 */
export function sizeFallbackOrder(wanted?: PhotoSize | "largest"): PhotoSize[] {
  if (wanted === undefined || wanted === "largest") return ["full", "large", "medium", "small"];
  const at = PHOTO_SIZES.indexOf(wanted);
  if (at < 0) throw new TypeError(`Choosing a photo size failed: ${JSON.stringify(wanted)} is not one of small, medium, large, full or "largest"`);
  return [...PHOTO_SIZES.slice(at), ...PHOTO_SIZES.slice(0, at).reverse()];
}

/**
 * The size a `width=` value stands for: none is the original (`full`), up to 150 px is
 * `small` (v1's 50/60/95 and v2's 100), up to 450 px `medium` (300, and 450 on crops),
 * anything wider `large` (v1's 500, v2's 600).
 */
export function sizeOfWidth(width: number | null): PhotoSize {
  if (width === null) return "full";
  if (width <= 150) return "small";
  if (width <= 450) return "medium";
  return "large";
}
