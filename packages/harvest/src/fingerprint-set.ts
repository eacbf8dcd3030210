import type { Fingerprint } from "./fingerprint.js";

const INITIAL_SLOTS = 1 << 12;
/** Grow past this share of slots in use: linear probing stays short below it. */
const MAX_LOAD = 0.75;

/** Slots for `expected` fingerprints at most `MAX_LOAD` full: a power of two, at least `INITIAL_SLOTS`. */
function slotsFor(expected: number): number {
  let slots = INITIAL_SLOTS;
  while (expected > slots * MAX_LOAD) slots *= 2;
  return slots;
}

/**
 * A set of 64-bit fingerprints in one open-addressing table of typed arrays (linear probing),
 * each with a number beside it (a row index). 8 bytes a slot, or 16 with values; at most
 * 75% of slots in use, doubling when full: 1,000,000 fingerprints take 16 MiB of slots (32
 * MiB with values), and no JavaScript object per entry. The all-zero fingerprint is stored
 * as 0:1, a one-in-2^64 merge.
 */
export class FingerprintSet {
  #slots: Uint32Array;
  #values: Float64Array | undefined;
  #size = 0;

  /**
   * `expected`: how many fingerprints it will hold at most, when known: the table starts at
   * that size and never doubles (a doubling holds the old table and the new one at once).
   */
  constructor(options: { readonly values?: boolean; readonly expected?: number } = {}) {
    const slots = slotsFor(options.expected ?? 0);
    this.#slots = new Uint32Array(slots * 2);
    this.#values = options.values ? new Float64Array(slots) : undefined;
  }

  /** Fingerprints held. */
  get size(): number {
    return this.#size;
  }

  /** Bytes the table takes now. */
  get byteLength(): number {
    return this.#slots.byteLength + (this.#values?.byteLength ?? 0);
  }

  /**
   * Adds `fingerprint` with `value` and returns -1, or returns the value stored with it when it
   * is there already (unchanged).
   */
  add(fingerprint: Fingerprint, value = 0): number {
    const hi = fingerprint.hi >>> 0;
    const lo = fingerprint.hi === 0 && fingerprint.lo === 0 ? 1 : fingerprint.lo >>> 0;
    const slot = this.#find(hi, lo);
    if (this.#slots[slot * 2] === hi && this.#slots[slot * 2 + 1] === lo) return this.#values ? this.#values[slot]! : 0;
    this.#put(slot, hi, lo, value);
    if (++this.#size > this.#capacity * MAX_LOAD) this.#grow();
    return -1;
  }

  /** Whether `fingerprint` is held. */
  has(fingerprint: Fingerprint): boolean {
    const hi = fingerprint.hi >>> 0;
    const lo = fingerprint.hi === 0 && fingerprint.lo === 0 ? 1 : fingerprint.lo >>> 0;
    const slot = this.#find(hi, lo);
    return this.#slots[slot * 2] === hi && this.#slots[slot * 2 + 1] === lo;
  }

  get #capacity(): number {
    return this.#slots.length / 2;
  }

  /** The slot holding hi:lo, or the empty slot where it would go. */
  #find(hi: number, lo: number): number {
    const mask = this.#capacity - 1;
    let slot = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      const h = this.#slots[slot * 2]!;
      const l = this.#slots[slot * 2 + 1]!;
      if ((h === 0 && l === 0) || (h === hi && l === lo)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  #put(slot: number, hi: number, lo: number, value: number): void {
    this.#slots[slot * 2] = hi;
    this.#slots[slot * 2 + 1] = lo;
    if (this.#values) this.#values[slot] = value;
  }

  #grow(): void {
    const slots = this.#slots;
    const values = this.#values;
    this.#slots = new Uint32Array(slots.length * 2);
    if (values) this.#values = new Float64Array(values.length * 2);
    for (let i = 0; i < slots.length / 2; i++) {
      const hi = slots[i * 2]!;
      const lo = slots[i * 2 + 1]!;
      if (hi !== 0 || lo !== 0) this.#put(this.#find(hi, lo), hi, lo, values ? values[i]! : 0);
    }
  }
}
