import { hashInts, hashString } from "@cat-harvest/emulator-kit";
import type { Dataset } from "./dataset.js";
import { filterImages, filterKey, type ImageFilter, parseImageFilter } from "./image-filter.js";

/** The most images a search without `x-api-key` returns. */
export const KEYLESS_MAX_LIMIT = 10;

/** A parsed `GET /v1/images/search`. */
export interface ImageSearch {
  readonly filter: ImageFilter;
  readonly order: "RANDOM" | "ASC" | "DESC";
  /** The limit in force: 1 by default, capped. */
  readonly limit: number;
  /** From 0; always 0 when the search does not page. */
  readonly page: number;
  /** Paging happens only with a key and `order=ASC` or `DESC`. */
  readonly paged: boolean;
}

/** One page of a search: image indexes, and the total for the query when it pages. */
export interface SearchPage {
  readonly images: readonly number[];
  readonly total: number;
}

function whole(raw: string | null, fallback: number): number {
  return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : fallback;
}

/** Reads a query as the real API does: lax, out-of-range values clamped, unknown parameters ignored. */
export function parseImageSearch(search: URLSearchParams, keyed: boolean, maxLimit: number): ImageSearch {
  const raw = (search.get("order") ?? "").toUpperCase();
  const order = raw === "ASC" || raw === "DESC" ? raw : "RANDOM";
  const cap = keyed ? maxLimit : Math.min(maxLimit, KEYLESS_MAX_LIMIT);
  const limit = Math.min(cap, Math.max(1, whole(search.get("limit"), 1)));
  const paged = keyed && order !== "RANDOM";
  return { filter: parseImageFilter(search), order, limit, page: paged ? whole(search.get("page"), 0) : 0, paged };
}

/** Runs searches, caching the hits of recent filters (a harvest pages through one breed at a time). */
export class ImageSearcher {
  readonly #cache = new Map<string, Int32Array>();
  readonly #draws = new Map<string, number>();

  constructor(private readonly data: Dataset) {}

  run(query: ImageSearch, rawQuery: string): SearchPage {
    const hits = this.#hits(query.filter);
    if (query.order === "RANDOM") return { images: this.#sample(hits, query.limit, rawQuery), total: hits.length };
    const start = query.page * query.limit;
    const images: number[] = [];
    for (let k = start; k < Math.min(hits.length, start + query.limit); k++) images.push(hits[query.order === "ASC" ? k : hits.length - 1 - k]!);
    return { images, total: hits.length };
  }

  #hits(filter: ImageFilter): Int32Array {
    const key = filterKey(filter);
    let hits = this.#cache.get(key);
    if (!hits) {
      hits = filterImages(this.data, filter);
      if (this.#cache.size >= 32) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(key, hits);
    }
    return hits;
  }

  /** `limit` distinct hits drawn from hash(seed, query, how many times it was asked): deterministic per seed. */
  #sample(hits: Int32Array, limit: number, rawQuery: string): number[] {
    const nth = this.#draws.get(rawQuery) ?? 0;
    this.#draws.set(rawQuery, nth + 1);
    const h = hashString(rawQuery, this.data.seed);
    const picked = new Set<number>();
    for (let k = 0; picked.size < Math.min(limit, hits.length); k++) picked.add(hits[hashInts(this.data.seed, h, nth, k) % hits.length]!);
    return [...picked];
  }
}
