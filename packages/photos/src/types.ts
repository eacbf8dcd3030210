import type { PhotoSize } from "./photo-size.js";
import type { PhotoVariants } from "./select-photo-url.js";

/**
 * An animal as this package reads it: the structural subset of a Petfinder v2 animal (so
 * any client's objects fit, and this package depends on none).
 */
export interface AnimalLike {
  readonly id: number;
  readonly breeds: {
    readonly primary: string | null;
    readonly secondary: string | null;
    readonly mixed?: boolean;
  } | null;
  readonly photos: ReadonlyArray<PhotoVariants | null> | null;
}

/** One photo under one breed label: what gets downloaded, and where to. */
export interface PhotoRow {
  readonly animalId: number;
  /** 1-based: the URL's slot (`/photos/pets/{id}/{slot}/`), else the position in `photos[]`. */
  readonly photo: number;
  /** The breed label, trimmed. */
  readonly breed: string;
  /** Which breed field the label came from. */
  readonly breedField: "primary" | "secondary";
  /** `breedFolderName(breed)`. */
  readonly folder: string;
  /** The chosen URL (WHATWG-normalised). */
  readonly url: string;
  /** The size key the URL came from. */
  readonly size: PhotoSize;
  /** The comparison key of the URL (see `canonicalPhotoUrl`). */
  readonly canonicalUrl: string;
  /** The data set key: `<folder>/<animalId>-<photo>.jpg`. */
  readonly key: string;
}

/** Why a photo (or a whole animal or label) left the stream. */
export type PhotoSkipReason =
  /** The animal is not an object with a positive integer `id` and a `photos` array (or null). */
  | "invalid-animal"
  /** The animal lists no photos. */
  | "no-photos"
  /** Neither breed field holds a name. */
  | "no-breed"
  /** The label is a colour (see `COLOR_BREEDS`) and `dropColorBreeds` is on. */
  | "color-breed"
  /** The photo lists no URL, or only unusable ones. */
  | "no-usable-url"
  /** The same canonical URL came before in this animal's photos. */
  | "duplicate-url";

/** A skip report. Photo-level reasons carry `photo` and `url` where known; animal-level ones do not. */
export interface PhotoSkip {
  readonly reason: PhotoSkipReason;
  readonly animalId: number | null;
  readonly breed?: string;
  readonly photo?: number;
  readonly url?: string;
  /** A sentence saying what was wrong. */
  readonly detail: string;
}
