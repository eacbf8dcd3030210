import { PhotoUrlError } from "./errors.js";
import { sizeOfWidth, type PhotoSize } from "./photo-size.js";

/**
 * Which path shape a photo URL has. Shapes are recognised by path on any host, so the
 * emulator's loopback URLs parse like the CDN's.
 * - `pets`: `/photos/pets/{animalId}/{slot}/` (photos.petfinder.com 2018, the 2019-2024 CloudFront host)
 * - `organization`: `/organization-photos/{orgId}/{slot}/`
 * - `animal-image`: `/animal/{uuid}/image/{uuid}.jpg` (the newer CloudFront host, about 2024 on)
 * - `other`: any other http(s) URL
 */
export type PhotoUrlShape = "pets" | "organization" | "animal-image" | "other";

/** The five size codes of API v1 (`&-x.jpg` at the end of the query) and their widths. */
export const V1_SIZE_CODE_WIDTHS: Readonly<Record<string, number>> = Object.freeze({ t: 50, pnt: 60, fpm: 95, pn: 300, x: 500 });

/** What `parsePhotoUrl` recognised in a URL. */
export interface ParsedPhotoUrl {
  /** The URL, WHATWG-normalised (host lower case, default port dropped), fragment removed. */
  readonly href: string;
  /**
   * A comparison key, not a URL to fetch: `href` without the cache-buster `bust`, without
   * `width` and v1 size codes, with the other query parameters sorted, a trailing `.` of the
   * host dropped, percent-escapes upper-cased and unreserved ones decoded. Two URLs of the
   * same picture in different sizes or with different busts share it.
   */
  readonly canonical: string;
  readonly shape: PhotoUrlShape;
  /** Lower-case host name without a trailing dot. */
  readonly host: string;
  /** The animal id in a `pets` path, else null. */
  readonly animalId: number | null;
  /** The organisation id in an `organization` path, else null. */
  readonly organizationId: number | null;
  /** The 1-based photo slot of a `pets`/`organization` path, else null. */
  readonly slot: number | null;
  /** The image uuid of an `animal-image` path, else null. */
  readonly imageId: string | null;
  /** Whether the path has the `/crop/` segment used by some 2020 cropped photos. */
  readonly crop: boolean;
  /** The `width=` value, or the width of a v1 size code when `width` is absent; null for originals. */
  readonly width: number | null;
  /** The size the width stands for (see `sizeOfWidth`). */
  readonly size: PhotoSize;
  /** The v1 size code (`x`, `pn`, `fpm`, `pnt`, `t`), or null. */
  readonly v1SizeCode: string | null;
}

/** The result of `tryParsePhotoUrl`: the parsed URL, or the reason it was refused. */
export type PhotoUrlParseResult = { readonly ok: true; readonly value: ParsedPhotoUrl } | { readonly ok: false; readonly error: PhotoUrlError };

const PETS = /^\/photos\/pets\/(\d{1,15})\/(\d{1,6})(\/crop)?\/?$/;
const ORGANIZATION = /^\/organization-photos\/(\d{1,15})\/(\d{1,6})(\/crop)?\/?$/;
const ANIMAL_IMAGE = /^\/animal\/([0-9A-Za-z-]{1,64})\/image\/([0-9A-Za-z-]{1,64})\.(jpe?g|png|webp)$/i;
const V1_CODE = /^-(t|pnt|fpm|pn|x)\.jpg$/;
const MAX_URL_LENGTH = 8192;

function shorten(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}

// RFC 3986 section 6.2.2: upper-case the hex digits of percent-escapes, decode unreserved characters.
function normalizeEscapes(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/**
 * Parses and normalises one photo URL. Throws `PhotoUrlError` (never anything else) for
 * input that is not an absolute http(s) URL, carries credentials, or has a `width` that is
 * not a positive whole number; `tryParsePhotoUrl` returns the error instead.
 *
 * @example
 * parsePhotoUrl("https://dl5zpyw5k3jeb.cloudfront.net/photos/pets/71234567/2/?bust=1718000000&width=600");
 * // { shape: "pets", animalId: 71234567, slot: 2, width: 600, size: "large",
 * //   canonical: "https://dl5zpyw5k3jeb.cloudfront.net/photos/pets/71234567/2/", ... }
 */
export function parsePhotoUrl(url: string): ParsedPhotoUrl {
  if (typeof url !== "string") {
    throw new PhotoUrlError(`(${url === null ? "null" : typeof url})`, "not-a-string", `expected a URL string, got ${url === null ? "null" : typeof url}`);
  }
  const given = url.trim();
  if (given === "") throw new PhotoUrlError(url, "empty", "the URL is empty; the photo object has no URL for this size");
  if (given.length > MAX_URL_LENGTH) {
    throw new PhotoUrlError(shorten(url), "unparsable", `the URL is longer than ${MAX_URL_LENGTH} characters`);
  }
  let parsed: URL;
  try {
    parsed = new URL(given);
  } catch (cause) {
    throw new PhotoUrlError(shorten(url), "unparsable", "it is not an absolute URL; photo URLs look like https://host/photos/pets/123/1/?width=600", { cause });
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new PhotoUrlError(shorten(url), "unsupported-protocol", `the protocol ${parsed.protocol} is not http: or https:`);
  }
  if (parsed.username !== "" || parsed.password !== "") {
    // Say so without echoing the credentials back.
    parsed.username = "";
    parsed.password = "";
    throw new PhotoUrlError(shorten(parsed.href), "has-credentials", "it carries a user name or password; photo URLs never need one, so it is refused");
  }
  parsed.hash = "";
  const href = parsed.href;

  const params = parsed.searchParams;
  let v1SizeCode: string | null = null;
  for (const key of [...params.keys()]) {
    const code = V1_CODE.exec(key);
    if (code) {
      v1SizeCode = code[1]!;
      params.delete(key);
    }
  }
  let width: number | null = null;
  const widthText = params.get("width");
  if (widthText !== null) {
    if (!/^\d{1,6}$/.test(widthText) || Number(widthText) === 0) {
      throw new PhotoUrlError(shorten(url), "bad-width", `width=${JSON.stringify(widthText).slice(1, -1)} is not a positive whole number of pixels`);
    }
    width = Number(widthText);
  } else if (v1SizeCode !== null) {
    width = V1_SIZE_CODE_WIDTHS[v1SizeCode]!;
  }
  params.delete("width");
  params.delete("bust");
  params.sort();

  const host = parsed.hostname.replace(/\.$/, "");
  let path = normalizeEscapes(parsed.pathname);
  let shape: PhotoUrlShape = "other";
  let animalId: number | null = null;
  let organizationId: number | null = null;
  let slot: number | null = null;
  let imageId: string | null = null;
  let crop = false;
  const pets = PETS.exec(path);
  const organization = pets ? null : ORGANIZATION.exec(path);
  const image = pets || organization ? null : ANIMAL_IMAGE.exec(path);
  if (pets) {
    shape = "pets";
    animalId = Number(pets[1]);
    slot = Number(pets[2]);
    crop = pets[3] !== undefined;
    path = `/photos/pets/${animalId}/${slot}/${crop ? "crop/" : ""}`;
  } else if (organization) {
    shape = "organization";
    organizationId = Number(organization[1]);
    slot = Number(organization[2]);
    crop = organization[3] !== undefined;
    path = `/organization-photos/${organizationId}/${slot}/${crop ? "crop/" : ""}`;
  } else if (image) {
    shape = "animal-image";
    imageId = image[2]!.toLowerCase();
  }
  const query = normalizeEscapes(params.toString());
  const port = parsed.port === "" ? "" : `:${parsed.port}`;
  const canonical = `${parsed.protocol}//${host}${port}${path}${query === "" ? "" : `?${query}`}`;
  return {
    href,
    canonical,
    shape,
    host,
    animalId,
    organizationId,
    slot: slot === 0 ? null : slot,
    imageId,
    crop,
    width,
    size: sizeOfWidth(width),
    v1SizeCode,
  };
}

/** Like `parsePhotoUrl`, but returns `{ ok: false, error }` instead of throwing. */
export function tryParsePhotoUrl(url: string): PhotoUrlParseResult {
  try {
    return { ok: true, value: parsePhotoUrl(url) };
  } catch (error) {
    if (PhotoUrlError.isInstance(error)) return { ok: false, error };
    throw error;
  }
}

/**
 * The comparison key of a photo URL (see `ParsedPhotoUrl.canonical`). Throws `PhotoUrlError`
 * for an unusable URL.
 *
 * @example
 * canonicalPhotoUrl("HTTPS://Photos.Petfinder.com:443/photos/pets/42/1/?width=500&bust=1&-x.jpg");
 * // "https://photos.petfinder.com/photos/pets/42/1/"
 */
export function canonicalPhotoUrl(url: string): string {
  return parsePhotoUrl(url).canonical;
}
