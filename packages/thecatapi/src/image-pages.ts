import { fitRecords, pageLimits, type PageLimits } from "@cat-harvest/http";
import type { Image } from "./schemas.js";
import type { ImageSearchParams } from "./search-params.js";
import type { Pagination } from "./pagination.js";

/** One page of a search. */
export interface ImagePage {
  readonly images: Image[];
  /** The page asked for, from 0. */
  readonly page: number;
  /** From the answer's headers; `undefined` when the API did not page (no key). */
  readonly pagination: Pagination | undefined;
}

/** Limits of a paged search. */
export interface PageOptions extends PageLimits {
  /** Cancels the iteration; the pending `next()` rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The page size used while iterating when the caller gives no `limit` (the most the API honours with a key). */
export const ITERATION_PAGE_SIZE = 25;

/**
 * Pages a search in order, one request when the consumer asks for the next page. Stops at the
 * last page (by `Pagination-Count` and `Pagination-Limit`), an empty page, a limit, or after the
 * first page when the API does not page (no key).
 */
export function paginateImages(
  fetchPage: (params: ImageSearchParams, signal: AbortSignal | undefined) => Promise<ImagePage>,
  params: ImageSearchParams,
  options: PageOptions = {},
): AsyncIterable<ImagePage> {
  const { maxPages, maxRecords } = pageLimits(options);
  const { signal } = options;
  return {
    async *[Symbol.asyncIterator]() {
      let records = 0;
      for (let page = params.page ?? 0, pages = 0; pages < maxPages && records < maxRecords; page++, pages++) {
        signal?.throwIfAborted();
        const result = await fetchPage({ ...params, page }, signal);
        const images = fitRecords(result.images, maxRecords - records);
        records += images.length;
        yield images === result.images ? result : { ...result, images };
        const p = result.pagination;
        if (!p || result.images.length === 0 || (page + 1) * p.limit >= p.count) return;
      }
    },
  };
}
