import { DIMENSIONS_SCAN_LIMIT, type ImageDimensions, readImageDimensions } from "./image-dimensions.js";
import { isImageComplete, TAIL_BYTES } from "./image-end.js";
import { detectImageFormat, type ImageFormat } from "./image-format.js";
import { toHex } from "./sha256.js";
import type { IncrementalHash } from "./types.js";

const NO_BYTES = new Uint8Array(0);

/**
 * What the downloader learns from a body as it passes: its SHA-256, its first bytes (magic
 * bytes and header, up to `DIMENSIONS_SCAN_LIMIT`, until the dimensions are found) and its
 * last `TAIL_BYTES` (the end marker). It keeps no more of the body than that.
 */
export class BodyInspection {
  readonly #hash: IncrementalHash;
  #head: Uint8Array = NO_BYTES;
  #tail: Uint8Array = NO_BYTES;
  #format: ImageFormat | null = null;
  #dimensions: ImageDimensions | null = null;

  constructor(hash: IncrementalHash) {
    this.#hash = hash;
  }

  /** The first bytes seen, for the magic-bytes check and error messages. */
  get head(): Uint8Array {
    return this.#head;
  }

  get dimensions(): ImageDimensions | null {
    return this.#dimensions;
  }

  /** Takes the next chunk of a streamed body. */
  update(chunk: Uint8Array): void {
    this.#hash.update(chunk);
    if (this.#dimensions === null && this.#head.byteLength < DIMENSIONS_SCAN_LIMIT) this.#growHead(chunk);
    this.#keepTail(chunk);
  }

  /** Takes a body read whole, in one piece. */
  whole(body: Uint8Array): void {
    this.#hash.update(body);
    this.#head = body.subarray(0, DIMENSIONS_SCAN_LIMIT);
    this.#tail = body.subarray(Math.max(0, body.byteLength - TAIL_BYTES));
  }

  /** The format the first bytes show (`null` for none), and from then on the dimensions. */
  detectFormat(): ImageFormat | null {
    this.#format = detectImageFormat(this.#head);
    if (this.#format !== null) this.#dimensions = readImageDimensions(this.#format, this.#head);
    return this.#format;
  }

  /** Whether a body of `length` bytes in all ends with its format's end marker. */
  isComplete(format: ImageFormat, length: number): boolean {
    return isImageComplete(format, this.#head, this.#tail, length);
  }

  /** The lower-case hex SHA-256 of every byte taken; call once, at the end. */
  sha256(): string {
    return toHex(this.#hash.digest());
  }

  #growHead(chunk: Uint8Array): void {
    const head = this.#head;
    const grown = new Uint8Array(Math.min(DIMENSIONS_SCAN_LIMIT, head.byteLength + chunk.byteLength));
    grown.set(head);
    grown.set(chunk.subarray(0, grown.byteLength - head.byteLength), head.byteLength);
    this.#head = grown;
    if (this.#format) this.#dimensions = readImageDimensions(this.#format, grown);
  }

  #keepTail(chunk: Uint8Array): void {
    if (chunk.byteLength >= TAIL_BYTES) {
      this.#tail = chunk.slice(chunk.byteLength - TAIL_BYTES);
      return;
    }
    const tail = this.#tail;
    const next = new Uint8Array(Math.min(TAIL_BYTES, tail.byteLength + chunk.byteLength));
    const keep = next.byteLength - chunk.byteLength;
    next.set(tail.subarray(tail.byteLength - keep));
    next.set(chunk, keep);
    this.#tail = next;
  }
}
