import { breedFolderName } from "./breed-folder-name.js";
import { isColorBreed } from "./color-breeds.js";
import type { PhotoSize } from "./photo-size.js";
import { selectPhotoUrl } from "./select-photo-url.js";
import type { AnimalLike, PhotoRow, PhotoSkip } from "./types.js";

/** Options of `animalPhotoRows` (and `photoRows`). */
export interface AnimalPhotoRowsOptions {
  /**
   * The photo size to take, falling back as `sizeFallbackOrder` says.
   * @default "largest"
   */
  readonly size?: PhotoSize | "largest";
  /**
   * `"both"` gives a photo a row under the primary and under the secondary breed, as the
   * 2018 write-up counted; `"primary"` uses the primary breed only.
   * @default "both"
   */
  readonly breedFields?: "both" | "primary";
  /**
   * Leave out colour "breeds" (Tabby, Calico, Tortoiseshell, ...; see `COLOR_BREEDS`).
   * @default false
   */
  readonly dropColorBreeds?: boolean;
  /** Called for each photo, label or animal left out, with the reason. */
  readonly onSkip?: (skip: PhotoSkip) => void;
}

// Folder names repeat across millions of rows; memoise the few dozen distinct ones.
const folderCache = new Map<string, string>();
function folderOf(breed: string): string {
  let folder = folderCache.get(breed);
  if (folder === undefined) {
    folder = breedFolderName(breed);
    if (folderCache.size < 10_000) folderCache.set(breed, folder);
  }
  return folder;
}

function label(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * The photo rows of one animal: one per photo per breed label, de-duplicated within the
 * animal by (folder, photo number) and by canonical URL. Photo numbers are the URLs' slots
 * when every chosen URL has one and they are distinct, else the 1-based positions in
 * `photos[]`. Never throws on bad data: it reports a skip and returns what it could.
 *
 * @example
 * animalPhotoRows({ id: 7, breeds: { primary: "Siamese", secondary: "Tabby" },
 *   photos: [{ full: "https://host/photos/pets/7/1/?bust=1" }] });
 * // rows for Siamese/7-1.jpg and Tabby/7-1.jpg
 */
export function animalPhotoRows(animal: AnimalLike, options: AnimalPhotoRowsOptions = {}): PhotoRow[] {
  const { size = "largest", breedFields = "both", dropColorBreeds = false, onSkip } = options;
  if (breedFields !== "both" && breedFields !== "primary") {
    throw new TypeError(`Making photo rows failed: breedFields must be "both" or "primary", got ${JSON.stringify(breedFields)}`);
  }
  const skip = (entry: PhotoSkip) => onSkip?.(entry);
  const id = animal !== null && typeof animal === "object" ? (animal as { id?: unknown }).id : undefined;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) {
    skip({ reason: "invalid-animal", animalId: null, detail: `the animal has no positive integer id (got ${JSON.stringify(id) ?? String(id)})` });
    return [];
  }
  const photos = animal.photos;
  if (photos !== null && photos !== undefined && !Array.isArray(photos)) {
    skip({ reason: "invalid-animal", animalId: id, detail: `animal ${id} has photos that are not an array` });
    return [];
  }
  if (!photos || photos.length === 0) {
    skip({ reason: "no-photos", animalId: id, detail: `animal ${id} lists no photos` });
    return [];
  }

  const breeds = animal.breeds !== null && typeof animal.breeds === "object" ? animal.breeds : null;
  const labels: Array<{ breed: string; field: "primary" | "secondary" }> = [];
  const primary = label(breeds?.primary);
  const secondary = breedFields === "both" ? label(breeds?.secondary) : null;
  if (primary !== null) labels.push({ breed: primary, field: "primary" });
  // Differing only in case would give folders that meet on case-insensitive file systems.
  if (secondary !== null && secondary.toLowerCase() !== primary?.toLowerCase()) labels.push({ breed: secondary, field: "secondary" });
  if (labels.length === 0) {
    skip({ reason: "no-breed", animalId: id, detail: `animal ${id} has no ${breedFields === "primary" ? "primary " : ""}breed name` });
    return [];
  }
  const kept = labels.filter(({ breed }) => {
    if (!dropColorBreeds || !isColorBreed(breed)) return true;
    skip({ reason: "color-breed", animalId: id, breed, detail: `"${breed}" is a colour, not a breed, and dropColorBreeds is on` });
    return false;
  });
  if (kept.length === 0) return [];

  const chosen: Array<{ position: number; url: string; size: PhotoSize; canonical: string; slot: number | null }> = [];
  photos.forEach((photo, index) => {
    const result = selectPhotoUrl(photo, { size });
    if (!result.ok) {
      const why = result.problems.map(({ size: s, error }) => `${s}: ${error.message}`).join("; ");
      skip({
        reason: "no-usable-url",
        animalId: id,
        photo: index + 1,
        detail:
          result.reason === "no-urls" ? `photo ${index + 1} of animal ${id} lists no URL` : `photo ${index + 1} of animal ${id} has no usable URL (${why})`,
      });
      return;
    }
    chosen.push({ position: index + 1, url: result.url, size: result.size, canonical: result.parsed.canonical, slot: result.parsed.slot });
  });
  // Mixing slots with positions could give two different photos one number.
  const slots = chosen.map((c) => c.slot);
  const useSlots = slots.every((slot) => slot !== null) && new Set(slots).size === slots.length;

  const rows: PhotoRow[] = [];
  for (const { breed, field } of kept) {
    const folder = folderOf(breed);
    const urls = new Set<string>();
    for (const c of chosen) {
      const photo = useSlots ? c.slot! : c.position;
      if (urls.has(c.canonical)) {
        skip({
          reason: "duplicate-url",
          animalId: id,
          breed,
          photo,
          url: c.url,
          detail: `photo ${photo} of animal ${id} repeats an earlier URL of the same animal`,
        });
        continue;
      }
      urls.add(c.canonical);
      rows.push({
        animalId: id,
        photo,
        breed,
        breedField: field,
        folder,
        url: c.url,
        size: c.size,
        canonicalUrl: c.canonical,
        key: `${folder}/${id}-${photo}.jpg`,
      });
    }
  }
  return rows;
}
