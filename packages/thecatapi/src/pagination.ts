/** What a search page's `Pagination-*` headers say; absent when the API does not page (no key, or no ASC/DESC order). */
export interface Pagination {
  /** `Pagination-Count`: images matching the query. */
  readonly count: number;
  /** `Pagination-Page`: this page, from 0. */
  readonly page: number;
  /** `Pagination-Limit`: the page size in force (the API cuts a larger `limit`). */
  readonly limit: number;
}

function whole(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined;
}

/** The pagination headers of a search answer, or `undefined` unless all three are there. */
export function readPagination(headers: Headers): Pagination | undefined {
  const count = whole(headers, "pagination-count");
  const page = whole(headers, "pagination-page");
  const limit = whole(headers, "pagination-limit");
  return count === undefined || page === undefined || limit === undefined || limit === 0 ? undefined : { count, page, limit };
}
