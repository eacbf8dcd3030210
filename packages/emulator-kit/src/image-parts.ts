import { createHash, type Hash } from "node:crypto";
import { crc32 } from "./crc32.js";
import { gifSubBlocks } from "./gif-encode.js";

/** The image formats the photo CDN serves. */
export const IMAGE_FORMATS = ["jpeg", "png", "gif"] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** The Content-Type of each format. */
export const IMAGE_CONTENT_TYPES: Readonly<Record<ImageFormat, string>> = { jpeg: "image/jpeg", png: "image/png", gif: "image/gif" };

/** The bytes of one served image, as parts written one after another (no copying per request). */
export interface ImageParts {
  /** The first part is the template without its trailer, shared by every image made from that template. */
  readonly chunks: readonly Uint8Array[];
  readonly length: number;
}

const JPEG_EOI = Uint8Array.of(0xff, 0xd9);
const GIF_TRAILER = Uint8Array.of(0x3b);
/** A private, ancillary, safe-to-copy PNG chunk: decoders skip it. */
const PNG_LABEL_TYPE = new TextEncoder().encode("caTs");
/** How many bytes at a template's end are its trailer (JPEG EOI, PNG IEND chunk, GIF trailer). */
const TRAILER_LENGTH: Readonly<Record<ImageFormat, number>> = { jpeg: 2, png: 12, gif: 1 };

const heads = new WeakMap<Uint8Array, Uint8Array>();
const headHashes = new WeakMap<Uint8Array, Hash>();

/** The template without its trailer, the same array each time (its hash state is cached). */
function headOf(format: ImageFormat, template: Uint8Array): Uint8Array {
  let head = heads.get(template);
  if (!head) {
    head = template.subarray(0, template.length - TRAILER_LENGTH[format]);
    heads.set(template, head);
  }
  return head;
}

function parts(chunks: Uint8Array[]): ImageParts {
  return { chunks, length: chunks.reduce((n, c) => n + c.length, 0) };
}

function u32(value: number): Uint8Array {
  return Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

/**
 * A template image made unique: `label` (which names the image) and `padding` (which varies its
 * size) go into a segment decoders skip, just before the trailer: a JPEG COM segment, a PNG
 * `caTs` chunk, a GIF comment extension. The picture a decoder draws is the template's.
 * `label` plus `padding` must stay under 65,534 bytes (a JPEG segment's limit).
 */
export function labelledImage(format: ImageFormat, template: Uint8Array, label: Uint8Array, padding: Uint8Array): ImageParts {
  const head = headOf(format, template);
  const payload = label.length + padding.length;
  if (format === "jpeg") {
    const segment = new Uint8Array(4 + label.length);
    segment.set([0xff, 0xfe, ((payload + 2) >> 8) & 0xff, (payload + 2) & 0xff], 0);
    segment.set(label, 4);
    return parts([head, segment, padding, JPEG_EOI]);
  }
  if (format === "png") {
    const start = new Uint8Array(8 + label.length);
    start.set(u32(payload), 0);
    start.set(PNG_LABEL_TYPE, 4);
    start.set(label, 8);
    const end = new Uint8Array(16);
    end.set(u32(crc32(PNG_LABEL_TYPE, label, padding)), 0);
    end.set(template.subarray(template.length - 12), 4);
    return parts([head, start, padding, end]);
  }
  const text = new Uint8Array(payload);
  text.set(label, 0);
  text.set(padding, label.length);
  const extension = gifSubBlocks(text);
  return parts([head, Uint8Array.of(0x21, 0xfe), extension, GIF_TRAILER]);
}

/** The whole image as one array (tests and helpers; the server writes the parts). */
export function imageBytes(image: ImageParts): Uint8Array {
  const out = new Uint8Array(image.length);
  let at = 0;
  for (const chunk of image.chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** sha256 (hex) of an image, reusing the hash state of its template head: microseconds per image. */
export function imageSha256(image: ImageParts): string {
  const [head, ...rest] = image.chunks;
  if (!head) return createHash("sha256").digest("hex");
  let base = headHashes.get(head);
  if (!base) {
    base = createHash("sha256").update(head);
    headHashes.set(head, base);
  }
  const hash = base.copy();
  for (const chunk of rest) hash.update(chunk);
  return hash.digest("hex");
}
