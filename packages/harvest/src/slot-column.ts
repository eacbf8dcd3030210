type Numbers = Float64Array | Uint32Array | Uint8Array;

/** A growing typed array of `width` numbers per slot (a name table's numbering): 0 until set. */
export interface SlotColumn {
  get(slot: number, i?: number): number;
  set(slot: number, value: number, i?: number): void;
  /** The slot's numbers, a view valid until the next `set`. */
  view(slot: number): Numbers;
}

export function createSlotColumn(kind: new (length: number) => Numbers, width = 1): SlotColumn {
  let values = new kind(1024 * width);
  return {
    get: (slot, i = 0) => (slot * width + i < values.length ? values[slot * width + i]! : 0),
    set(slot, value, i = 0) {
      const at = slot * width + i;
      if (at >= values.length) {
        const grown = new kind(Math.max(values.length * 2, (slot + 1) * width * 2));
        grown.set(values);
        values = grown;
      }
      values[at] = value;
    },
    view: (slot) => values.subarray(slot * width, slot * width + width),
  };
}
