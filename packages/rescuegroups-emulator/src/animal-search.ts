import { animalAttributes } from "./animal-resource.js";
import type { Dataset } from "./dataset.js";
import { holds, type SearchFilter } from "./search-filters.js";

/** What a search asks for: its filters, and whether only cats with pictures count (`/haspic`). */
export interface AnimalQuery {
  readonly filters: readonly SearchFilter[];
  readonly hasPictures: boolean;
}

/** Finds the cats a query matches, in id order, caching recent queries (a harvest pages one breed at a time). */
export class AnimalSearcher {
  readonly #cache = new Map<string, Int32Array>();

  constructor(
    private readonly data: Dataset,
    private readonly origin: string,
  ) {}

  run(query: AnimalQuery): Int32Array {
    const key = JSON.stringify(query);
    let hits = this.#cache.get(key);
    if (!hits) {
      hits = this.#scan(query);
      if (this.#cache.size >= 32) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(key, hits);
    }
    return hits;
  }

  #scan({ filters, hasPictures }: AnimalQuery): Int32Array {
    const data = this.data;
    const out: number[] = [];
    for (let i = 0; i < data.count; i++) {
      if (hasPictures && data.pictureStart[i + 1] === data.pictureStart[i]) continue;
      if (filters.length === 0) {
        out.push(i);
        continue;
      }
      const attributes: Record<string, unknown> = { ...animalAttributes(this.origin, data, i), id: String(data.animalIds[i]) };
      if (filters.every((f) => holds(attributes[f.field], f))) out.push(i);
    }
    return Int32Array.from(out);
  }
}
