import type { HarvestLineTooLongError } from "../errors.js";
import { parseUrlList, type UrlListFormat } from "../url-list.js";
import type { ShardRow } from "./shard-row.js";

/**
 * A URL list's rows for the shard engine: `parseUrlList`'s entries in order, with each line
 * or URL over its length limit as a row that carries its failure (quoted by its start), so it
 * is recorded in its shard instead of stopping the run (and told to `options.onTooLong`).
 */
export async function* listRows(
  body: ReadableStream<Uint8Array>,
  fileName: string,
  options: { readonly format?: UrlListFormat; readonly onTooLong?: (error: HarvestLineTooLongError) => void } = {},
): AsyncGenerator<ShardRow> {
  const refused: ShardRow[] = [];
  const onTooLong = (error: HarvestLineTooLongError) => {
    options.onTooLong?.(error);
    const row = { url: error.excerpt, line: error.line, failure: { reason: error.reason, detail: error.message } };
    refused.push(error.label === undefined ? row : { ...row, label: error.label });
  };
  for await (const entry of parseUrlList(body, fileName, options.format, { onTooLong })) {
    yield* refused.splice(0);
    yield entry;
  }
  yield* refused.splice(0);
}
