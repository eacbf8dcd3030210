import type { PhotoRow, PhotoSkipReason } from "./types.js";

/** Remembers rows already seen, by compact string keys only. */
export interface PhotoRowDeduper {
  /**
   * Records the row and returns null when it is new, or the reason it is a duplicate:
   * the same (folder, animal, photo), or the same canonical URL in the same folder.
   */
  check(row: Pick<PhotoRow, "folder" | "animalId" | "photo" | "canonicalUrl">): Extract<PhotoSkipReason, "duplicate-photo" | "duplicate-url"> | null;
  /** How many keys are held (two per new row). */
  readonly size: number;
}

/**
 * A de-duplicator for photo rows. Memory grows with the number of distinct photos only:
 * it keeps two short strings per row (`folder/animal-photo` and `folder\ncanonical URL`),
 * never the rows.
 *
 * @example
 * const deduper = createPhotoRowDeduper();
 * deduper.check(row); // null: new
 * deduper.check(row); // "duplicate-photo"
 */
export function createPhotoRowDeduper(): PhotoRowDeduper {
  const keys = new Set<string>();
  return {
    check(row) {
      const photoKey = `${row.folder}/${row.animalId}-${row.photo}`;
      // A newline cannot occur in a folder name, so the two key kinds never meet.
      const urlKey = `${row.folder}\n${row.canonicalUrl}`;
      if (keys.has(photoKey)) return "duplicate-photo";
      if (keys.has(urlKey)) return "duplicate-url";
      keys.add(photoKey);
      keys.add(urlKey);
      return null;
    },
    get size() {
      return keys.size;
    },
  };
}
