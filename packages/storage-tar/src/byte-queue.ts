/** Chunks waiting to be cut into pieces of a chosen length. */
export class ByteQueue {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;

  /** Bytes waiting. */
  get length(): number {
    return this.#length;
  }

  /** Adds a chunk (kept as given: copy it first if its owner may change it). */
  push(chunk: Uint8Array): void {
    this.#chunks.push(chunk);
    this.#length += chunk.byteLength;
  }

  /** The first `length` bytes (at most `this.length`), copying only when they span chunks. */
  take(length: number): Uint8Array {
    this.#length -= length;
    const first = this.#chunks[0];
    if (first && first.byteLength >= length) {
      this.#chunks[0] = first.subarray(length);
      return first.subarray(0, length);
    }
    const out = new Uint8Array(length);
    let at = 0;
    while (at < length) {
      const part = this.#chunks[0]!;
      const n = Math.min(part.byteLength, length - at);
      out.set(part.subarray(0, n), at);
      at += n;
      if (n === part.byteLength) this.#chunks.shift();
      else this.#chunks[0] = part.subarray(n);
    }
    return out;
  }
}
