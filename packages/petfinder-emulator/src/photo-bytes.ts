import { createHash, type Hash } from "node:crypto";
import { createPrng, hashInts } from "./hash.js";
import { TEMPLATE_COUNT, templateJpeg } from "./jpeg-templates.js";
import type { PhotoSize } from "./photo-sizes.js";

/** Most padding bytes added per size class, so file sizes vary and grow with the size class. */
const MAX_PADDING: Readonly<Record<PhotoSize, number>> = {
  small: 500,
  medium: 1500,
  crop: 2000,
  large: 3000,
  full: 5000,
};

const NOISE = (() => {
  const rand = createPrng(0x6e015e);
  const out = new Uint8Array(65536);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rand() * 256);
  return out;
})();

const EOI = new Uint8Array([0xff, 0xd9]);
const encoder = new TextEncoder();

/** The bytes of one photo, as parts written one after another (no copying per request). */
export interface PhotoParts {
  /** The template JPEG without its final EOI marker. */
  readonly prefix: Uint8Array;
  /** The start of a COM segment: marker, length and a label naming the photo. */
  readonly segment: Uint8Array;
  /** The rest of the COM segment: deterministic padding (a view into a shared noise buffer). */
  readonly padding: Uint8Array;
  /** The EOI marker. */
  readonly suffix: Uint8Array;
  readonly length: number;
}

/**
 * The bytes of a photo, identified by the animal id and photo number that supply its content
 * (a re-post passes the original's). The picture comes from a small template pool; a comment
 * segment placed before EOI makes every (photo, size) unique and deterministic per seed.
 */
export function photoParts(seed: number, contentId: number, photo: number, size: PhotoSize): PhotoParts {
  const h = hashInts(seed, 0x9407, contentId, photo);
  const prefix = templatePrefix(h % TEMPLATE_COUNT, size).bytes;
  const label = encoder.encode(`petfinder-emulator seed=${seed} animal=${contentId} photo=${photo} size=${size};`);
  const hp = hashInts(h, size.length, size.charCodeAt(0));
  const pad = hp % MAX_PADDING[size];
  const payloadLength = label.length + pad;
  const segment = new Uint8Array(4 + label.length);
  segment[0] = 0xff;
  segment[1] = 0xfe;
  segment[2] = ((payloadLength + 2) >> 8) & 0xff;
  segment[3] = (payloadLength + 2) & 0xff;
  segment.set(label, 4);
  const offset = hashInts(hp, 7) % (NOISE.length - pad);
  const padding = NOISE.subarray(offset, offset + pad);
  return { prefix, segment, padding, suffix: EOI, length: prefix.length + segment.length + pad + EOI.length };
}

/** The whole photo as one array (tests and helpers; the server writes the parts). */
export function photoBytes(seed: number, contentId: number, photo: number, size: PhotoSize): Uint8Array {
  const parts = photoParts(seed, contentId, photo, size);
  const out = new Uint8Array(parts.length);
  out.set(parts.prefix, 0);
  out.set(parts.segment, parts.prefix.length);
  out.set(parts.padding, parts.prefix.length + parts.segment.length);
  out.set(parts.suffix, parts.length - parts.suffix.length);
  return out;
}

interface TemplatePrefix {
  readonly bytes: Uint8Array;
  hash?: Hash;
}
const prefixes = new Map<string, TemplatePrefix>();
const prefixHashes = new WeakMap<Uint8Array, TemplatePrefix>();

function templatePrefix(k: number, size: PhotoSize): TemplatePrefix {
  const key = `${k}:${size}`;
  let entry = prefixes.get(key);
  if (!entry) {
    const template = templateJpeg(k, size);
    entry = { bytes: template.subarray(0, template.length - 2) };
    prefixes.set(key, entry);
    prefixHashes.set(entry.bytes, entry);
  }
  return entry;
}

/** sha256 (hex) of a photo, reusing the hash state of its template prefix: microseconds per photo. */
export function photoSha256(parts: PhotoParts): string {
  const entry = prefixHashes.get(parts.prefix);
  let base: Hash;
  if (entry) {
    base = entry.hash ??= createHash("sha256").update(entry.bytes);
  } else {
    base = createHash("sha256").update(parts.prefix);
  }
  return base.copy().update(parts.segment).update(parts.padding).update(parts.suffix).digest("hex");
}
