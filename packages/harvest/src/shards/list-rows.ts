import type { HarvestBadRowError, HarvestLineTooLongError } from "../errors.js";
import { listColumns, type ListColumns } from "../list-columns.js";
import type { UrlListInput } from "../list-input.js";
import { parseUrlList, type UrlListFormat } from "../url-list.js";
import type { ShardRow } from "./shard-row.js";

/** How `listRows` reads. */
export interface ListRowsOptions extends ListColumns {
  readonly format?: UrlListFormat;
  /** Told of each line refused while reading (over its length limit, or a bad row). */
  readonly onRefused?: (error: HarvestLineTooLongError | HarvestBadRowError) => void;
}

/**
 * A URL list's rows for the shard engine: `parseUrlList`'s entries in order, with each line
 * refused while reading (over its length limit, no URL, not http(s), unparseable) as a row
 * that carries its failure (quoted by its start), so it is recorded in its shard instead of
 * stopping the run (and told to `options.onRefused`).
 */
export async function* listRows(body: ReadableStream<Uint8Array> | UrlListInput, fileName: string, options: ListRowsOptions = {}): AsyncGenerator<ShardRow> {
  const refused: ShardRow[] = [];
  const onBadRow = (error: HarvestLineTooLongError | HarvestBadRowError) => {
    options.onRefused?.(error);
    const row = { url: error.excerpt, line: error.line, failure: { reason: error.reason, detail: error.message } };
    refused.push(error.label === undefined ? row : { ...row, label: error.label });
  };
  const reading = { onBadRow, ...listColumns(options) };
  for await (const entry of parseUrlList(body, fileName, options.format, reading)) {
    yield* refused.splice(0);
    yield entry;
  }
  yield* refused.splice(0);
}
