import { fitRecords, pageLimits, type PageLimits } from "@cat-harvest/http";

/** Limits of a paged search. */
export interface PageOptions extends PageLimits {
  /** Cancels the iteration; the pending `next()` rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Where a page stands in its search, from the answer's `meta`. */
export interface PageMeta {
  /** This page's number, from 1. */
  readonly page: number;
  /** How many pages the search has (`meta.pages`), when the answer said. */
  readonly pages: number | undefined;
  /** How many records match (`meta.count`), when the answer said. */
  readonly count: number | undefined;
  /** The page size asked for. */
  readonly limit: number;
}

/** One page of a search: its records and where it stands. */
export interface RescueGroupsPage<T> {
  readonly data: readonly T[];
  readonly meta: PageMeta;
}

/** Whether a page is the search's last: empty (`data` omitted), at `meta.pages`, or short when the answer gave no page count. */
function isLast<T>({ data, meta }: RescueGroupsPage<T>): boolean {
  return data.length === 0 || (meta.pages === undefined ? data.length < meta.limit : meta.page >= meta.pages);
}

/**
 * Requests a page only when the consumer asks for the next one, so a large search streams
 * without being held. Stops at the last page or a cap; a capped page is cut to fit.
 */
export function paginate<T>(
  fetchPage: (page: number, signal: AbortSignal | undefined) => Promise<RescueGroupsPage<T>>,
  firstPage: number,
  options: PageOptions = {},
): AsyncIterable<RescueGroupsPage<T>> {
  const { maxPages, maxRecords } = pageLimits(options);
  const { signal } = options;
  return {
    async *[Symbol.asyncIterator]() {
      let records = 0;
      for (let page = firstPage; page - firstPage < maxPages && records < maxRecords; page++) {
        signal?.throwIfAborted();
        const result = await fetchPage(page, signal);
        const data = fitRecords(result.data, maxRecords - records);
        records += data.length;
        yield data === result.data ? result : { ...result, data };
        if (isLast(result)) return;
      }
    },
  };
}
