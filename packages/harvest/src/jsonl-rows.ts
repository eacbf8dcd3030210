import { excerpt } from "./excerpt.js";
import { DEFAULT_LABEL_COLUMN, DEFAULT_URL_COLUMN, fieldOf, findColumn, type ListColumns } from "./list-columns.js";
import { entryOrBad, listLines, type ListReading, type UrlListEntry } from "./list-reading.js";
import { rowEntry, rowProblem, type RowAt } from "./list-row-fields.js";

/** The entries of a JSON Lines list: one object a line, its URL and label fields found by name (`fieldOf`); a bad line goes to `list.bad`. */
export async function* jsonlRows(body: ReadableStream<Uint8Array>, list: ListReading, columns: ListColumns): AsyncGenerator<UrlListEntry> {
  const urlName = columns.urlColumn ?? DEFAULT_URL_COLUMN;
  const labelName = columns.labelColumn ?? DEFAULT_LABEL_COLUMN;
  for await (const { line, text } of listLines(body, list)) {
    const trimmed = text.trim();
    if (trimmed === "") continue;
    const entry = entryOrBad(list, () => jsonlEntry({ fileName: list.fileName, line, text: trimmed }, urlName, labelName));
    if (entry) yield entry;
  }
}

function jsonlEntry(at: RowAt, urlName: string, labelName: string): UrlListEntry {
  let value: unknown;
  try {
    value = JSON.parse(at.text);
  } catch (error) {
    const problem = `not valid JSON (${excerpt((error as Error).message, 160)}); each line must be {"${urlName}": "...", "${labelName}": "..."}`;
    throw rowProblem(at, "invalid-json", problem, error);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw rowProblem(at, "invalid-row", `each line must be a JSON object such as {"${urlName}": "...", "${labelName}": "..."}`);
  }
  const record = value as Record<string, unknown>;
  if (findColumn(Object.keys(record), urlName) === -1) {
    const fields = Object.keys(record).map((k) => JSON.stringify(excerpt(k, 40)));
    throw rowProblem(at, "missing-url", `the object has no ${JSON.stringify(urlName)} field (its fields: ${excerpt(fields.join(", ") || "none", 200)})`);
  }
  const url = fieldOf(record, urlName);
  return rowEntry(typeof url === "string" ? { ...at, text: url } : at, url, fieldOf(record, labelName));
}
