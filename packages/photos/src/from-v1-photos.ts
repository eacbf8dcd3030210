import type { PhotoVariants } from "./select-photo-url.js";

/** One entry of API v1's `media.photos.photo[]`. */
export interface V1Photo {
  readonly "@size": string;
  readonly "@id": string | number;
  readonly $t: string;
}

// v1 had no original; its widest variant (x, 500 px) was what the 2018 write-up kept.
const V1_KEYS: Readonly<Record<string, keyof PhotoVariants>> = { x: "large", pn: "medium", fpm: "small" };

/**
 * Groups API v1's flat photo list (five sizes per photo, told apart by `@size`) into v2-style
 * `PhotoVariants`, ordered by `@id`: `x` (500 px) becomes `large`, `pn` (300) `medium`,
 * `fpm` (95) `small`; the thumbnails `pnt` (60) and `t` (50) are dropped. Entries without
 * a string URL or a known size are ignored.
 *
 * @example
 * fromV1Photos([{ "@size": "x", "@id": "1", $t: "http://photos.petfinder.com/photos/pets/42/1/?bust=1&width=500&-x.jpg" }]);
 * // [{ large: "http://photos.petfinder.com/photos/pets/42/1/?bust=1&width=500&-x.jpg" }]
 */
export function fromV1Photos(photos: Iterable<V1Photo> | null | undefined): PhotoVariants[] {
  const byId = new Map<number, Record<string, string>>();
  if (photos === null || photos === undefined) return [];
  for (const photo of photos) {
    if (photo === null || typeof photo !== "object") continue;
    const key = V1_KEYS[photo["@size"]];
    const id = Number(photo["@id"]);
    if (key === undefined || typeof photo.$t !== "string" || !Number.isFinite(id)) continue;
    let entry = byId.get(id);
    if (!entry) byId.set(id, (entry = {}));
    entry[key] ??= photo.$t;
  }
  return [...byId.entries()].sort((a, b) => a[0] - b[0]).map(([, entry]) => entry as PhotoVariants);
}
