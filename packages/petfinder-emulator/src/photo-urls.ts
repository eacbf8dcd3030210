import { type Dataset, FLAG_NEW_PHOTO_URLS, indexOfAnimalId } from "./dataset.js";
import { hashInts, hexWords } from "@cat-harvest/emulator-kit";
import { PHOTO_WIDTHS, type PhotoSize, sizeForWidth } from "./photo-sizes.js";

/** A photo object as the API lists it. */
export interface PhotoObject {
  small: string;
  medium: string;
  large: string;
  full: string;
}

function uuid(words: [number, number, number], tail: number): string {
  const hex = hexWords(...words);
  const last = tail.toString(16).padStart(12, "0").slice(-12);
  const variant = "89ab"[words[2] & 3]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${last}`;
}

const TAIL_OFFSET = 0x1f_0000_0000;

/** The uuid of an animal in the newer CDN URL shape. */
export function animalUuid(seed: number, id: number): string {
  return uuid([hashInts(seed, 0xa1, id), hashInts(seed, 0xa2, id), hashInts(seed, 0xa3, id)], TAIL_OFFSET + id);
}

/** The uuid of one photo in the newer CDN URL shape; its last group encodes (id, photo). */
export function imageUuid(seed: number, id: number, photo: number): string {
  return uuid([hashInts(seed, 0xb1, id, photo), hashInts(seed, 0xb2, id, photo), hashInts(seed, 0xb3, id, photo)], TAIL_OFFSET + id * 8 + photo);
}

/** The cache-buster of a photo: a Unix time in seconds. */
function bust(data: Dataset, index: number, photo: number): number {
  return data.published[index]! + photo * 7;
}

/** The URL of a photo without its `width` (the "full" URL); sized variants append `&width=N`. */
export function photoBaseUrl(origin: string, data: Dataset, index: number, photo: number): string {
  const id = data.ids[index]!;
  if ((data.flags[index]! & FLAG_NEW_PHOTO_URLS) !== 0) {
    const h = hashInts(data.seed, 0xc1, id, photo);
    const ext = h % 4 === 0 ? "jpeg" : "jpg";
    const versionId = hexWords(h, hashInts(h, 1), hashInts(h, 2), hashInts(h, 3));
    return `${origin}/animal/${animalUuid(data.seed, id)}/image/${imageUuid(data.seed, id, photo)}.${ext}?versionId=${versionId}&bust=${bust(data, index, photo)}`;
  }
  return `${origin}/photos/pets/${id}/${photo}/?bust=${bust(data, index, photo)}`;
}

/** A size variant of a photo's base URL. */
export function sizedPhotoUrl(base: string, size: PhotoSize): string {
  const width = PHOTO_WIDTHS[size];
  return width === null ? base : `${base}&width=${width}`;
}

/** The URL of photo `photo` (1-based) of animal `index` at a size class, on `origin`. */
export function photoUrl(origin: string, data: Dataset, index: number, photo: number, size: PhotoSize): string {
  return sizedPhotoUrl(photoBaseUrl(origin, data, index, photo), size);
}

/** The `photos` array of an animal. */
export function animalPhotos(origin: string, data: Dataset, index: number): PhotoObject[] {
  const out: PhotoObject[] = [];
  for (let p = 1; p <= data.photos[index]!; p++) {
    const base = photoBaseUrl(origin, data, index, p);
    out.push({
      small: sizedPhotoUrl(base, "small"),
      medium: sizedPhotoUrl(base, "medium"),
      large: sizedPhotoUrl(base, "large"),
      full: base,
    });
  }
  return out;
}

/** The `primary_photo_cropped` object: the first photo at widths 300/450/600/original. */
export function primaryPhotoCropped(origin: string, data: Dataset, index: number): PhotoObject | null {
  if (data.photos[index] === 0) return null;
  const base = photoBaseUrl(origin, data, index, 1);
  return {
    small: sizedPhotoUrl(base, "medium"),
    medium: sizedPhotoUrl(base, "crop"),
    large: sizedPhotoUrl(base, "large"),
    full: base,
  };
}

/** A photo request resolved to an animal, a photo number and a size class. */
export interface PhotoTarget {
  readonly index: number;
  readonly photo: number;
  readonly size: PhotoSize;
}

const OLD_SHAPE = /^\/photos\/pets\/(\d+)\/(\d+)\/?$/;
const NEW_SHAPE = /^\/animal\/([0-9a-f-]{36})\/image\/([0-9a-f-]{36})\.(jpg|jpeg)$/;

/**
 * Resolves a CDN path and its `width` to a photo, or returns undefined when no such photo is
 * listed (unknown animal, photo number out of range, a width the API never lists for it).
 */
export function resolvePhotoPath(data: Dataset, path: string, width: string | null): PhotoTarget | undefined {
  const size = sizeForWidth(width);
  if (!size) return undefined;
  let index: number;
  let photo: number;
  const old = OLD_SHAPE.exec(path);
  if (old) {
    index = indexOfAnimalId(data, Number(old[1]));
    photo = Number(old[2]);
    if (index < 0 || (data.flags[index]! & FLAG_NEW_PHOTO_URLS) !== 0) return undefined;
  } else {
    const m = NEW_SHAPE.exec(path);
    if (!m) return undefined;
    const tail = parseInt(m[2]!.slice(-12), 16) - TAIL_OFFSET;
    if (!(tail > 0)) return undefined;
    const id = Math.floor(tail / 8);
    photo = tail % 8;
    index = indexOfAnimalId(data, id);
    if (index < 0 || (data.flags[index]! & FLAG_NEW_PHOTO_URLS) === 0) return undefined;
    if (m[1] !== animalUuid(data.seed, id) || m[2] !== imageUuid(data.seed, id, photo)) return undefined;
    const ext = hashInts(data.seed, 0xc1, id, photo) % 4 === 0 ? "jpeg" : "jpg";
    if (m[3] !== ext) return undefined;
  }
  if (!(photo >= 1 && photo <= data.photos[index]!)) return undefined;
  if (size === "crop" && photo !== 1) return undefined;
  return { index, photo, size };
}
