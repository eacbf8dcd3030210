import type { PhotoUrlError } from "./errors.js";
import { tryParsePhotoUrl, type ParsedPhotoUrl } from "./parse-photo-url.js";
import { sizeFallbackOrder, type PhotoSize } from "./photo-size.js";

/** One entry of `animal.photos[]`: a URL per size; any of them may be missing. */
export interface PhotoVariants {
  readonly small?: string | null;
  readonly medium?: string | null;
  readonly large?: string | null;
  readonly full?: string | null;
}

/** Options of `selectPhotoUrl`. */
export interface SelectPhotoUrlOptions {
  /**
   * The size to take. When it is missing or its URL is unusable, the larger sizes are
   * tried nearest first, then the smaller ones nearest first (see `sizeFallbackOrder`).
   * @default "largest" (full, then large, medium, small)
   */
  readonly size?: PhotoSize | "largest";
}

/** The outcome of `selectPhotoUrl`. */
export type SelectedPhotoUrl =
  | {
      readonly ok: true;
      /** The key the URL came from. */
      readonly size: PhotoSize;
      readonly url: string;
      readonly parsed: ParsedPhotoUrl;
      /** True when the size asked for was missing or unusable and another was taken. */
      readonly fellBack: boolean;
      /** Sizes passed over because their URL was unusable. */
      readonly problems: ReadonlyArray<{ readonly size: PhotoSize; readonly error: PhotoUrlError }>;
    }
  | {
      readonly ok: false;
      /** `no-urls`: the photo lists no URL at all; `no-usable-url`: every URL it lists is unusable. */
      readonly reason: "no-urls" | "no-usable-url";
      readonly problems: ReadonlyArray<{ readonly size: PhotoSize; readonly error: PhotoUrlError }>;
    };

/**
 * Picks one URL from a photo's size variants: the size asked for, or the best fallback.
 * Never throws on bad data: a missing photo, missing keys and unusable URLs give
 * `{ ok: false, reason }` or are listed in `problems`.
 *
 * @example
 * selectPhotoUrl({ small: ".../?width=100", large: ".../?width=600" }, { size: "medium" });
 * // { ok: true, size: "large", fellBack: true, ... }
 */
export function selectPhotoUrl(photo: PhotoVariants | null | undefined, options: SelectPhotoUrlOptions = {}): SelectedPhotoUrl {
  const order = sizeFallbackOrder(options.size);
  const problems: Array<{ size: PhotoSize; error: PhotoUrlError }> = [];
  if (photo === null || typeof photo !== "object") return { ok: false, reason: "no-urls", problems };
  let listed = 0;
  for (const size of order) {
    const url = photo[size];
    if (url === undefined || url === null || url === "") continue;
    listed++;
    const result = tryParsePhotoUrl(url);
    if (!result.ok) {
      problems.push({ size, error: result.error });
      continue;
    }
    return { ok: true, size, url: result.value.href, parsed: result.value, fellBack: size !== order[0], problems };
  }
  return { ok: false, reason: listed === 0 ? "no-urls" : "no-usable-url", problems };
}
