import type { TableRecord } from "./csv-records.js";
import { listLines, type ListReading } from "./list-reading.js";

/**
 * Splits TSV text into records: one a line, fields split at tabs (IANA text/tab-separated-values:
 * no field holds a tab or a line break). A field wrapped whole in double quotes, as some
 * writers quote, is unwrapped, `""` inside it read as `"`; any other quote is text.
 */
export async function* tsvRecords(body: ReadableStream<Uint8Array>, list: Pick<ListReading, "fileName" | "tooLong">): AsyncGenerator<TableRecord> {
  for await (const { line, text } of listLines(body, list)) {
    if (text.trim() === "") continue;
    yield { line, fields: text.split("\t").map(unquote) };
  }
}

function unquote(field: string): string {
  return field.length >= 2 && field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field;
}
