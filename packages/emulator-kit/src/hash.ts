/**
 * Small, fast, deterministic hashing and pseudo-random numbers. Everything the emulator
 * generates is a pure function of (seed, index, field), so records can be rebuilt on demand
 * instead of being held in memory.
 */

/** Finalises a 32-bit value (the murmur3 avalanche step). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hashes a list of integers into an unsigned 32-bit value. */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    // Fold in numbers above 2^32 too (animal ids, timestamps).
    const lo = v >>> 0;
    const hi = Math.floor(v / 4294967296) >>> 0;
    h = mix32(h ^ lo) + 0x7f4a7c15;
    if (hi !== 0) h = mix32(h ^ hi) + 0x165667b1;
  }
  return mix32(h);
}

/** Hashes a string (FNV-1a, then avalanched) together with a seed. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** A uniform number in [0, 1) from a 32-bit hash. */
export function unit(hash: number): number {
  return hash / 4294967296;
}

/** A fast seeded PRNG (mulberry32) returning numbers in [0, 1). */
export function createPrng(seed: number): () => number {
  let a = hashInts(seed) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks an index from cumulative weights (ascending, last = total) for r in [0, 1). */
export function pickWeighted(cumulative: ArrayLike<number>, r: number): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = r * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Turns weights into cumulative sums for `pickWeighted`. */
export function cumulate(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Lower-case hex of one 32-bit word (8 digits). */
export function hexWord(w: number): string {
  return HEX_BYTES[w >>> 24]! + HEX_BYTES[(w >>> 16) & 255]! + HEX_BYTES[(w >>> 8) & 255]! + HEX_BYTES[w & 255]!;
}

/** Lower-case hex of 32-bit words, 8 hex digits each. */
export function hexWords(...words: number[]): string {
  let out = "";
  for (let i = 0; i < words.length; i++) out += hexWord(words[i]!);
  return out;
}
