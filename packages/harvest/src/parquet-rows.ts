import type { AsyncBuffer, Compressors, FileMetaData } from "hyparquet";
import { HarvestInputError } from "./errors.js";
import { excerpt } from "./excerpt.js";
import { pickColumns, type ListColumns } from "./list-columns.js";
import { entryOrBad, type ListReading, type UrlListEntry } from "./list-reading.js";
import type { UrlListInput } from "./list-input.js";
import { rowEntry } from "./list-row-fields.js";

/**
 * Rows decoded at once. A row group may hold a million rows (pyarrow's default); its column
 * chunks' bytes are fetched once and kept while it is read, but only this many rows at a time
 * become strings.
 */
export const PARQUET_WINDOW_ROWS = 10_000;

/** Codecs hyparquet decodes by itself; any other loads `hyparquet-compressors`. */
const BUILT_IN_CODECS = new Set(["UNCOMPRESSED", "SNAPPY"]);

/**
 * The entries of a Parquet list, read with hyparquet (loaded only now) one row group at a
 * time (`PARQUET_WINDOW_ROWS` rows decoded at once), only its URL and label columns, through
 * ranged reads of `input`: never the whole file.
 * `line` is the 1-based row number. A row without an http(s) URL goes to `list.bad`.
 */
export async function* parquetRows(input: UrlListInput, list: ListReading, columns: ListColumns): AsyncGenerator<UrlListEntry> {
  const { fileName } = list;
  const hyparquet = await import("hyparquet");
  const file = asyncBufferOf(input, fileName);
  const metadata = await hyparquet.parquetMetadataAsync(file).catch((error: unknown) => {
    throw new HarvestInputError(fileName, 0, `not a readable Parquet file (${excerpt(String((error as Error)?.message ?? error), 160)})`, { cause: error });
  });
  const names = hyparquet.parquetSchema(metadata).children.map((child) => child.element.name);
  const picked = pickColumns(fileName, 0, names, columns);
  const wanted = picked.label === -1 ? [names[picked.url]!] : [names[picked.url]!, names[picked.label]!];
  const compressors = await compressorsFor(metadata);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    // One cache per row group: each window's read plans the same column chunk ranges.
    const groupFile = hyparquet.cachedAsyncBuffer(file);
    for (let rowStart = groupStart; rowStart < groupEnd; rowStart += PARQUET_WINDOW_ROWS) {
      const rowEnd = Math.min(rowStart + PARQUET_WINDOW_ROWS, groupEnd);
      const rows = await readRows(hyparquet, { file: groupFile, metadata, columns: wanted, rowStart, rowEnd, compressors }, fileName);
      for (let i = 0; i < rows.length; i++) {
        const [url, label] = rows[i]!;
        const line = rowStart + i + 1;
        const entry = entryOrBad(list, () => rowEntry({ fileName, line, text: typeof url === "string" ? url : String(url) }, url, labelText(label)));
        if (entry) yield entry;
      }
    }
    groupStart = groupEnd;
  }
}

/** A Parquet label as text: an integer column (class indexes) gives its digits. */
function labelText(label: unknown): unknown {
  return typeof label === "bigint" || (typeof label === "number" && Number.isInteger(label)) ? String(label) : label;
}

type Hyparquet = typeof import("hyparquet");
interface GroupRead {
  readonly file: AsyncBuffer;
  readonly metadata: FileMetaData;
  readonly columns: string[];
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly compressors: Compressors | undefined;
}

/** One row group's rows, as arrays in `columns` order. */
async function readRows(hyparquet: Hyparquet, read: GroupRead, fileName: string): Promise<unknown[][]> {
  let rows: unknown[][] = [];
  await hyparquet
    .parquetRead({ ...read, compressors: read.compressors ?? {}, rowFormat: "array", onComplete: (done) => (rows = done) })
    .catch((error: unknown) => {
      const problem = `cannot read rows ${read.rowStart + 1} to ${read.rowEnd} (${excerpt(String((error as Error)?.message ?? error), 160)})`;
      throw new HarvestInputError(fileName, read.rowStart + 1, problem, { cause: error });
    });
  return rows;
}

/** hyparquet's extra decompressors, loaded only when a column chunk uses a codec it lacks (GZIP, ZSTD, BROTLI, LZ4). */
async function compressorsFor(metadata: FileMetaData): Promise<Compressors | undefined> {
  const codecs = metadata.row_groups.flatMap((group) => group.columns.map((column) => column.meta_data?.codec ?? "UNCOMPRESSED"));
  if (codecs.every((codec) => BUILT_IN_CODECS.has(codec))) return undefined;
  return (await import("hyparquet-compressors")).compressors;
}

/** The input as hyparquet's `AsyncBuffer`: ranged reads, which Parquet needs for its footer. */
function asyncBufferOf(input: UrlListInput, fileName: string): AsyncBuffer {
  if (!input.read) {
    throw new HarvestInputError(fileName, 0, "a Parquet file needs ranged reads (its index is at its end): give an input with read(start, end), not a stream");
  }
  return {
    byteLength: input.size,
    async slice(start, end = input.size) {
      const bytes = await input.read!(start, end);
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
    },
  };
}
