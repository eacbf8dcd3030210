import { textFingerprint } from "./fingerprint.js";

/**
 * File names numbered in the order they were first seen (0, 1, 2...), kept as UTF-8 bytes in
 * one growing buffer with an open-addressing index, never as a string or object per name:
 * about the name's length plus 20 bytes each. The numbers index the typed arrays that hold
 * what a data set knows of each file (`createStoredFiles`).
 */
export interface NameTable {
  /** The number of `name`, added when new. */
  intern(name: string): number;
  /** The number of `name`, or -1. */
  find(name: string): number;
  /** The name numbered `slot`. */
  name(slot: number): string;
  readonly size: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createNameTable(): NameTable {
  let bytes = new Uint8Array(64 * 1024);
  let used = 0;
  let starts = new Uint32Array(1024 + 1);
  let size = 0;
  let buckets = 2048;
  // slot + 1 of the name in each bucket (0: empty), and the name's hash for a quick miss.
  let index = new Uint32Array(buckets);
  let hashes = new Uint32Array(buckets);
  let scratch = new Uint8Array(256);

  const encode = (name: string): number => {
    if (scratch.length < name.length * 3) scratch = new Uint8Array(name.length * 3);
    return encoder.encodeInto(name, scratch).written;
  };
  const same = (slot: number, length: number): boolean => {
    const start = starts[slot]!;
    if (starts[slot + 1]! - start !== length) return false;
    for (let i = 0; i < length; i++) if (bytes[start + i] !== scratch[i]) return false;
    return true;
  };
  /** The bucket of the name in `scratch` (or the empty one where it would go). */
  const bucketOf = (hash: number, length: number): number => {
    const mask = buckets - 1;
    for (let b = hash & mask; ; b = (b + 1) & mask) {
      const held = index[b]!;
      if (held === 0 || (hashes[b] === hash && same(held - 1, length))) return b;
    }
  };
  const rehash = () => {
    const old = { index, hashes };
    buckets *= 2;
    index = new Uint32Array(buckets);
    hashes = new Uint32Array(buckets);
    const mask = buckets - 1;
    for (let i = 0; i < old.index.length; i++) {
      if (old.index[i] === 0) continue;
      let b = old.hashes[i]! & mask;
      while (index[b] !== 0) b = (b + 1) & mask;
      index[b] = old.index[i]!;
      hashes[b] = old.hashes[i]!;
    }
  };
  const append = (length: number): number => {
    if (used + length > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, used + length));
      grown.set(bytes.subarray(0, used));
      bytes = grown;
    }
    if (size + 2 > starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    bytes.set(scratch.subarray(0, length), used);
    used += length;
    starts[size + 1] = used;
    return size++;
  };

  return {
    get size() {
      return size;
    },
    intern(name) {
      const length = encode(name);
      const hash = textFingerprint(name).hi;
      const b = bucketOf(hash, length);
      if (index[b] !== 0) return index[b]! - 1;
      const slot = append(length);
      index[b] = slot + 1;
      hashes[b] = hash;
      if (size * 2 > buckets) rehash();
      return slot;
    },
    find(name) {
      const length = encode(name);
      return index[bucketOf(textFingerprint(name).hi, length)]! - 1;
    },
    name(slot) {
      if (!(slot >= 0 && slot < size)) throw new RangeError(`name-table: no name numbered ${slot}`);
      return decoder.decode(bytes.subarray(starts[slot]!, starts[slot + 1]!));
    },
  };
}
