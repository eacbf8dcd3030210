/** Limits of a paged search, as every client's page iterators take them. */
export interface PageLimits {
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
}

/** `maxPages` and `maxRecords` checked (whole numbers >= 0 or `Infinity`; a `TypeError` names the bad one), `Infinity` when absent. */
export function pageLimits(options: PageLimits): { maxPages: number; maxRecords: number } {
  return { maxPages: pageLimit("maxPages", options.maxPages), maxRecords: pageLimit("maxRecords", options.maxRecords) };
}

function pageLimit(name: string, value: number | undefined): number {
  if (value === undefined) return Infinity;
  if (typeof value !== "number" || Number.isNaN(value) || value < 0 || (Number.isFinite(value) && !Number.isInteger(value))) {
    throw new TypeError(`${name} must be a whole number >= 0 or Infinity, got ${String(value)}`);
  }
  return value;
}

/** The records of a page that still fit under `room`: the page's own array when all of them do. */
export function fitRecords<A extends readonly unknown[]>(records: A, room: number): A {
  return (records.length > room ? records.slice(0, room) : records) as A;
}
