import type { Pagination } from "./schemas.js";

/** Limits of a paged search. */
export interface PageOptions {
  /**
   * Stop after this many pages.
   * @default Infinity
   */
  maxPages?: number;
  /**
   * Stop after this many records; the last page is cut to fit.
   * @default Infinity
   */
  maxRecords?: number;
  /** Cancels the iteration; the pending `next()` rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The page size used while iterating when the caller gives no `limit` (the API's maximum). */
export const ITERATION_PAGE_SIZE = 100;

function checkLimit(name: string, value: number | undefined): number {
  if (value === undefined) return Infinity;
  if (typeof value !== "number" || Number.isNaN(value) || value < 0 || (Number.isFinite(value) && !Number.isInteger(value))) {
    throw new TypeError(`${name} must be a whole number >= 0 or Infinity, got ${String(value)}`);
  }
  return value;
}

/**
 * Requests pages one at a time, only when the consumer asks for the next one, so a caller
 * can stream a large search without holding it. Stops at the last page, an empty page, or a limit.
 */
export function paginate<K extends string, P extends { pagination: Pagination } & Record<K, unknown[]>>(
  fetchPage: (page: number, limit: number, signal: AbortSignal | undefined) => Promise<P>,
  key: K,
  params: { page?: number; limit?: number } | undefined,
  options: PageOptions = {},
): AsyncIterable<P> {
  const maxPages = checkLimit("maxPages", options.maxPages);
  const maxRecords = checkLimit("maxRecords", options.maxRecords);
  const { signal } = options;
  const limit = params?.limit ?? ITERATION_PAGE_SIZE;
  const firstPage = params?.page ?? 1;
  return {
    async *[Symbol.asyncIterator]() {
      let records = 0;
      for (let page = firstPage, pages = 0; pages < maxPages && records < maxRecords; page++, pages++) {
        signal?.throwIfAborted();
        const result = await fetchPage(page, limit, signal);
        const items = result[key];
        const room = maxRecords - records;
        const kept = items.length > room ? items.slice(0, room) : items;
        records += kept.length;
        yield kept === items ? result : ({ ...result, [key]: kept } as P);
        if (items.length === 0 || page >= result.pagination.total_pages) return;
      }
    },
  };
}
