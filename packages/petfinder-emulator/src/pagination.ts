/** The `pagination` object of a list response. */
export interface Pagination {
  count_per_page: number;
  total_count: number;
  current_page: number;
  total_pages: number;
  _links: { previous?: { href: string }; next?: { href: string } };
}

/** Characters that would change a query's meaning if a link carried them raw. */
const UNSAFE = /[%&#+]/g;

/**
 * A relative link the way the API writes them: parameters in alphabetical order, values as
 * given (not percent-encoded, except %, &, # and + so the link round-trips), page replaced.
 */
export function pageHref(path: string, params: ReadonlyMap<string, string>, page: number): string {
  const entries = [...params].filter(([k]) => k !== "page");
  entries.push(["page", String(page)]);
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const query = entries.map(([k, v]) => `${k}=${v.replace(UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`).join("&");
  return `${path}?${query}`;
}

/**
 * Builds the pagination object. `previous` appears on every page after the first and
 * `next` on every page before the last; past the last page the list is empty, `next` is
 * absent and `previous` points at the page before the requested one.
 */
export function pagination(path: string, params: ReadonlyMap<string, string>, total: number, page: number, limit: number): Pagination {
  const totalPages = Math.ceil(total / limit);
  const links: Pagination["_links"] = {};
  if (page > 1) links.previous = { href: pageHref(path, params, page - 1) };
  if (page < totalPages) links.next = { href: pageHref(path, params, page + 1) };
  return { count_per_page: limit, total_count: total, current_page: page, total_pages: totalPages, _links: links };
}
