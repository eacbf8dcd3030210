import { csvRecords } from "./csv-records.js";
import { HarvestInputError, HarvestUsageError, type HarvestBadRowError, type HarvestLineTooLongError } from "./errors.js";
import { gunzipList } from "./gunzip-list.js";
import { jsonlRows } from "./jsonl-rows.js";
import type { ListColumns } from "./list-columns.js";
import { isUrlListInput, type UrlListInput } from "./list-input.js";
import { lineTooLong, MAX_LIST_URL_CHARS, type ListReading, type UrlListEntry } from "./list-reading.js";
import { parquetRows } from "./parquet-rows.js";
import { tableRows } from "./table-rows.js";
import { tsvRecords } from "./tsv-records.js";
import { txtRows } from "./txt-rows.js";

export { MAX_LIST_LINE_CHARS, MAX_LIST_URL_CHARS, type UrlListEntry } from "./list-reading.js";

/** How `parseUrlList` reads. */
export interface ParseUrlListOptions extends ListColumns {
  /**
   * Told of each line (or URL) over its limit (`MAX_LIST_LINE_CHARS`, `MAX_LIST_URL_CHARS`),
   * which is then skipped; without it such a line goes to `onBadRow`, or throws.
   */
  readonly onTooLong?: (error: HarvestLineTooLongError) => void;
  /**
   * Told of each row that cannot be an entry (unparseable JSON, fields that do not match the
   * header, no URL, a URL that is not http(s)), with its line and reason; the list goes on past
   * it. Without it such a row throws the same error and the reading stops. Without
   * `onTooLong`, over-long lines come here too.
   */
  readonly onBadRow?: (error: HarvestBadRowError | HarvestLineTooLongError) => void;
  /**
   * Whether the bytes are gzip-compressed, decompressed as they stream.
   * @default the name ends in `.gz`
   */
  readonly gzip?: boolean;
}

/** Formats `parseUrlList` reads. */
export type UrlListFormat = "txt" | "csv" | "tsv" | "jsonl" | "parquet";

const FORMATS_HELP = "use a .txt, .csv, .tsv, .jsonl or .parquet file (any of them but .parquet may also be gzip-compressed, named .gz)";

/** The format a file name implies (a `.gz` ending aside), or `undefined` for an unsupported extension. */
export function urlListFormat(fileName: string): UrlListFormat | undefined {
  const lower = fileName.toLowerCase().replace(/\.gz$/, "");
  if (lower.endsWith(".txt") || lower.endsWith(".lst")) return "txt";
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".tsv") || lower.endsWith(".tab")) return "tsv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".parquet") || lower.endsWith(".pq")) return "parquet";
  return undefined;
}

/**
 * Reads a URL list as a stream of entries, never holding it whole: `.txt` (one URL a line,
 * `#` comments), `.csv` (a header row naming a `url` and optionally a `label` column, RFC 4180
 * quoting), `.tsv` (the same, tab-separated), `.jsonl` (`{"url": ..., "label": ...}` a line),
 * each of them also gzip-compressed (`.csv.gz`...), or `.parquet` (row group by row group,
 * through `body.read`). `urlColumn` and `labelColumn` name other columns. Blank lines are
 * skipped. A bad row goes to `onBadRow` with its line and reason (`HarvestBadRowError`), or
 * throws it; a line over `MAX_LIST_LINE_CHARS` or a URL over `MAX_LIST_URL_CHARS` goes to
 * `onTooLong` (`HarvestLineTooLongError`). Messages quote at most `EXCERPT_CHARS` of a line,
 * without credentials. A list it cannot read at all throws `HarvestInputError`; one without
 * the named column throws `HarvestColumnError`, listing the columns it has.
 *
 * @example
 * for await (const { url, label } of parseUrlList(file.stream(), "urls.csv")) ...
 * for await (const { url, label } of parseUrlList(input, input.name, undefined, { urlColumn: "URL", onBadRow })) ...
 */
export async function* parseUrlList(
  body: ReadableStream<Uint8Array> | UrlListInput,
  fileName: string,
  format: UrlListFormat | undefined = urlListFormat(fileName),
  options: ParseUrlListOptions = {},
): AsyncGenerator<UrlListEntry> {
  if (!format) throw new HarvestInputError(fileName, 0, `unsupported list format; ${FORMATS_HELP}`);
  const list = listReading(fileName, options);
  for await (const entry of formatRows(body, format, list, options)) {
    if (entry.url.length <= MAX_LIST_URL_CHARS) yield entry;
    else list.tooLong(lineTooLong(fileName, entry.line, "url-too-long", entry.url, entry.url.length, MAX_LIST_URL_CHARS, entry.label));
  }
}

/** Where over-long lines and bad rows go: their callbacks, or else thrown. */
function listReading(fileName: string, options: ParseUrlListOptions): ListReading {
  const raise = (error: HarvestInputError) => {
    throw error;
  };
  const bad = options.onBadRow ?? raise;
  return { fileName, bad, tooLong: options.onTooLong ?? options.onBadRow ?? raise };
}

function formatRows(body: ReadableStream<Uint8Array> | UrlListInput, format: UrlListFormat, list: ListReading, options: ParseUrlListOptions) {
  const { fileName } = list;
  const gzip = options.gzip ?? /\.gz$/i.test(fileName);
  if (format === "parquet") {
    if (gzip) throw new HarvestInputError(fileName, 0, "a Parquet file is compressed inside already; give it as .parquet, not gzip-compressed");
    if (!isUrlListInput(body)) {
      throw new HarvestInputError(
        fileName,
        0,
        "a Parquet file needs ranged reads (its index is at its end): give an input with read(start, end), not a stream",
      );
    }
    return parquetRows(body, list, options);
  }
  if (format === "txt") refuseColumns(options);
  const raw = isUrlListInput(body) ? body.stream() : body;
  const bytes = gzip ? gunzipList(raw, fileName) : raw;
  if (format === "txt") return txtRows(bytes, list);
  if (format === "jsonl") return jsonlRows(bytes, list, options);
  return tableRows(format === "tsv" ? tsvRecords(bytes, list) : csvRecords(bytes, list), list, options, format.toUpperCase());
}

/** A .txt list has no columns to name. */
function refuseColumns(options: ListColumns): void {
  const option = options.urlColumn !== undefined ? "urlColumn" : options.labelColumn !== undefined ? "labelColumn" : undefined;
  if (option) {
    throw new HarvestUsageError(
      option,
      `a .txt list holds one URL a line and has no columns: leave ${option} out, or give a .csv, .tsv, .jsonl or .parquet list`,
      {
        value: options[option],
      },
    );
  }
}
