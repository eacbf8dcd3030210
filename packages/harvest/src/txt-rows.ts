import { entryOrBad, listLines, type ListReading, type UrlListEntry } from "./list-reading.js";
import { checkUrl } from "./list-row-fields.js";

/** The entries of a plain list: one URL a line, blank lines and `#` comments skipped; a line that is no http(s) URL goes to `list.bad`. */
export async function* txtRows(body: ReadableStream<Uint8Array>, list: ListReading): AsyncGenerator<UrlListEntry> {
  for await (const { line, text } of listLines(body, list)) {
    const trimmed = text.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const entry = entryOrBad(list, () => ({ url: checkUrl({ fileName: list.fileName, line, text: trimmed }, trimmed), line }));
    if (entry) yield entry;
  }
}
