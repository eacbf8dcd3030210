import { HarvestColumnError } from "./errors.js";

/** Which columns (or JSON fields) hold the URL and the label. */
export interface ListColumns {
  /**
   * The column (CSV/TSV header, Parquet column, JSON Lines field) holding the URL.
   * @default "url"
   */
  readonly urlColumn?: string;
  /**
   * The column holding the label. A list without the default `label` column has no labels;
   * one named here must exist.
   * @default "label"
   */
  readonly labelColumn?: string;
}

/** The column options of `options`, without the unset ones. */
export function listColumns(options: ListColumns): ListColumns {
  const { urlColumn, labelColumn } = options;
  return { ...(urlColumn !== undefined ? { urlColumn } : {}), ...(labelColumn !== undefined ? { labelColumn } : {}) };
}

export const DEFAULT_URL_COLUMN = "url";
export const DEFAULT_LABEL_COLUMN = "label";

/** The position of `wanted` among `names`: the exact name first, else the one equal to it ignoring case and spaces around; -1 when none is. */
export function findColumn(names: readonly string[], wanted: string): number {
  const exact = names.indexOf(wanted);
  if (exact !== -1) return exact;
  const key = wanted.trim().toLowerCase();
  return names.findIndex((name) => name.trim().toLowerCase() === key);
}

/**
 * The URL and label columns of a table with these column names (`label` -1 when the list has
 * none). A missing URL column, or a label column asked for by name, throws
 * `HarvestColumnError` listing the columns there are.
 */
export function pickColumns(fileName: string, line: number, names: readonly string[], columns: ListColumns): { url: number; label: number } {
  const urlName = columns.urlColumn ?? DEFAULT_URL_COLUMN;
  const url = findColumn(names, urlName);
  if (url === -1) throw new HarvestColumnError(fileName, line, "urlColumn", urlName, names);
  const label = findColumn(names, columns.labelColumn ?? DEFAULT_LABEL_COLUMN);
  if (label === -1 && columns.labelColumn !== undefined) throw new HarvestColumnError(fileName, line, "labelColumn", columns.labelColumn, names);
  return { url, label };
}

/** The value of a JSON object's field named like a column (`findColumn`'s rule), or `undefined`. */
export function fieldOf(record: Record<string, unknown>, wanted: string): unknown {
  if (Object.hasOwn(record, wanted)) return record[wanted];
  const keys = Object.keys(record);
  const at = findColumn(keys, wanted);
  return at === -1 ? undefined : record[keys[at]!];
}
