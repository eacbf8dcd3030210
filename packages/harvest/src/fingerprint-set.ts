/**
 * A set of strings kept as 64-bit fingerprints in one typed array (open addressing, linear
 * probing), never as the strings themselves: 8 bytes a slot at a load between 3/8 and 3/4, so
 * about 11 to 21 bytes per entry (16 MB per million), against some 100 bytes for a `Set` of
 * file names. Two different strings share a fingerprint with a chance of about n² / 2^65
 * (3 in 100 million at a million entries): then the later one counts as already seen.
 */
export interface FingerprintSet {
  /** Adds `key`; `true` when it was not in the set yet. */
  add(key: string): boolean;
  has(key: string): boolean;
  readonly size: number;
}

/** Slots at first (a power of two). */
const INITIAL_SLOTS = 1024;

/** The 64-bit fingerprint of a string (UTF-16 code units) as two 32-bit halves, never both 0. */
export function fingerprint(key: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  h1 >>>= 0;
  h2 >>>= 0;
  return h1 === 0 && h2 === 0 ? [0, 1] : [h1, h2];
}

export function createFingerprintSet(): FingerprintSet {
  let slots = INITIAL_SLOTS;
  let table = new Uint32Array(slots * 2);
  let size = 0;

  /** The slot holding (h1, h2), or the empty slot where it would go. */
  const find = (h1: number, h2: number): number => {
    const mask = slots - 1;
    for (let slot = h1 & mask; ; slot = (slot + 1) & mask) {
      const a = table[slot * 2]!;
      const b = table[slot * 2 + 1]!;
      if ((a === h1 && b === h2) || (a === 0 && b === 0)) return slot;
    }
  };
  const grow = () => {
    const old = table;
    slots *= 2;
    table = new Uint32Array(slots * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0 && old[i + 1] === 0) continue;
      const slot = find(old[i]!, old[i + 1]!);
      table[slot * 2] = old[i]!;
      table[slot * 2 + 1] = old[i + 1]!;
    }
  };

  return {
    get size() {
      return size;
    },
    add(key) {
      const [h1, h2] = fingerprint(key);
      const slot = find(h1, h2);
      if (table[slot * 2] !== 0 || table[slot * 2 + 1] !== 0) return false;
      table[slot * 2] = h1;
      table[slot * 2 + 1] = h2;
      size++;
      if (size * 4 > slots * 3) grow();
      return true;
    },
    has(key) {
      const [h1, h2] = fingerprint(key);
      const slot = find(h1, h2);
      return table[slot * 2] !== 0 || table[slot * 2 + 1] !== 0;
    },
  };
}
