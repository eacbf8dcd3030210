import { fitRecords, pageLimits, type PageLimits } from "@cat-harvest/http";
import type { Pagination } from "./schemas.js";

/** Limits of a paged search. */
export interface PageOptions extends PageLimits {
  /**
   * Pages requested ahead of the one the consumer is reading, once the first page has told
   * how many there are. Pages still come out in order; the ones read ahead when the
   * consumer stops (or a page fails) are cancelled. A search then takes about
   * pages / (1 + prefetch) round trips instead of one per page, within the client's
   * `requestsPerSecond` as always.
   * @default 0 (one request at a time)
   */
  prefetch?: number;
  /** Cancels the iteration; the pending `next()` rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The page size used while iterating when the caller gives no `limit` (the API's maximum). */
export const ITERATION_PAGE_SIZE = 100;

/**
 * Requests pages only when the consumer asks for the next one (plus `prefetch` pages ahead),
 * so a caller can stream a large search without holding it. Stops at the last page, an
 * empty page, or a limit.
 */
export function paginate<K extends string, P extends { pagination: Pagination } & Record<K, unknown[]>>(
  fetchPage: (page: number, limit: number, signal: AbortSignal | undefined) => Promise<P>,
  key: K,
  params: { page?: number; limit?: number } | undefined,
  options: PageOptions = {},
): AsyncIterable<P> {
  const { maxPages, maxRecords } = pageLimits(options);
  const prefetch = options.prefetch ?? 0;
  if (!Number.isInteger(prefetch) || prefetch < 0) throw new TypeError(`prefetch must be a whole number of pages >= 0, got ${String(options.prefetch)}`);
  const { signal } = options;
  const limit = params?.limit ?? ITERATION_PAGE_SIZE;
  const firstPage = params?.page ?? 1;
  return {
    async *[Symbol.asyncIterator]() {
      // Pages read ahead are cancelled with this when the iteration ends early.
      const ahead = new AbortController();
      const pageSignal = prefetch > 0 ? (signal ? AbortSignal.any([signal, ahead.signal]) : ahead.signal) : signal;
      const requested = new Map<number, Promise<P>>();
      const request = (page: number) => {
        const pending = fetchPage(page, limit, pageSignal);
        pending.catch(() => {}); // read ahead and never awaited when the iteration stops first
        requested.set(page, pending);
      };
      // The last page worth asking for: unknown until the first page tells the total.
      let lastPage = Math.min(firstPage + maxPages - 1, limit > 0 ? firstPage + Math.ceil(maxRecords / limit) - 1 : Infinity);
      let known = false;
      try {
        let records = 0;
        for (let page = firstPage, pages = 0; pages < maxPages && records < maxRecords; page++, pages++) {
          signal?.throwIfAborted();
          const end = known ? Math.min(lastPage, page + prefetch) : page;
          for (let next = page; next <= end; next++) if (!requested.has(next)) request(next);
          const result = await requested.get(page)!;
          requested.delete(page);
          if (!known) {
            known = true;
            lastPage = Math.min(lastPage, result.pagination.total_pages);
          }
          const items = result[key];
          const kept = fitRecords(items, maxRecords - records);
          records += kept.length;
          yield kept === items ? result : ({ ...result, [key]: kept } as P);
          if (items.length === 0 || page >= result.pagination.total_pages) return;
        }
      } finally {
        if (requested.size > 0) ahead.abort(new Error("the page iteration ended before these pages were read"));
      }
    },
  };
}
