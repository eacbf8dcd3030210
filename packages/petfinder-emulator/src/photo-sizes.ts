/**
 * The photo size classes the emulator serves. `photos[]` carries small/medium/large/full;
 * `primary_photo_cropped` reuses the first photo's URLs with widths 300/450/600/none, so its
 * only new URL is the 450-wide one, the "crop" class (reference section 4).
 */
export const PHOTO_SIZES = ["small", "medium", "large", "full", "crop"] as const;
export type PhotoSize = (typeof PHOTO_SIZES)[number];

/** The `width` query value of each size class (null: no `width`, the original). */
export const PHOTO_WIDTHS: Readonly<Record<PhotoSize, number | null>> = {
  small: 100,
  medium: 300,
  large: 600,
  full: null,
  crop: 450,
};

/** Width in pixels of the JPEG served for a size class. */
export const PIXEL_WIDTHS: Readonly<Record<PhotoSize, number>> = {
  small: 100,
  medium: 300,
  large: 600,
  full: 800,
  crop: 450,
};

/** The size class a `width` query value selects, or undefined for a width the CDN does not serve. */
export function sizeForWidth(width: string | null): PhotoSize | undefined {
  switch (width) {
    case null:
      return "full";
    case "100":
      return "small";
    case "300":
      return "medium";
    case "450":
      return "crop";
    case "600":
      return "large";
    default:
      return undefined;
  }
}
