import { lineTooLong, listLines, MAX_LIST_LINE_CHARS, type ListReading } from "./list-reading.js";

/** A record of a delimited list: its fields, or the problem that kept them from being read. */
export type TableRecord =
  | { readonly line: number; readonly fields: string[]; readonly problem?: undefined }
  | { readonly line: number; readonly problem: string; readonly text: string };

/**
 * Splits CSV text into records, field by field, honouring quotes that span lines (RFC 4180).
 * A record over `MAX_LIST_LINE_CHARS` in all goes to `tooLong`; its fields are then no longer
 * kept, only its quotes followed. An over-long line loses its quotes with its end: the record
 * is taken to end with it. A stray quote makes its record a `problem`, and the record ends
 * with that line.
 */
export async function* csvRecords(body: ReadableStream<Uint8Array>, list: Pick<ListReading, "fileName" | "tooLong">): AsyncGenerator<TableRecord> {
  const { fileName } = list;
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let afterQuote = false;
  let startLine = 1;
  let recordLength = 0;
  let lastLine = 0;
  let problem: string | undefined;
  const lines = listLines(body, {
    fileName,
    tooLong(error) {
      const quoted = inQuotes;
      const reported = recordLength > MAX_LIST_LINE_CHARS;
      const length = recordLength + 1 + error.length;
      inQuotes = false;
      recordLength = 0;
      if (!quoted) list.tooLong(error);
      else if (!reported) list.tooLong(lineTooLong(fileName, startLine, "line-too-long", fields.join(","), length, MAX_LIST_LINE_CHARS));
    },
  });
  for await (const { line, text } of lines) {
    if (line > lastLine + 1) inQuotes = false; // an over-long line was skipped in between
    lastLine = line;
    if (!inQuotes) {
      startLine = line;
      fields = [];
      field = "";
      afterQuote = false;
      recordLength = 0;
      problem = undefined;
      if (text.trim() === "") continue;
      if (!text.includes('"')) {
        yield { line, fields: text.split(",") }; // the common record: one line, no quotes
        continue;
      }
    } else {
      field += "\n";
      recordLength++;
    }
    const before = recordLength;
    recordLength += text.length;
    if (before <= MAX_LIST_LINE_CHARS && recordLength > MAX_LIST_LINE_CHARS) {
      list.tooLong(lineTooLong(fileName, startLine, "line-too-long", [...fields, field].join(",") + text, recordLength, MAX_LIST_LINE_CHARS));
    }
    const keep = recordLength <= MAX_LIST_LINE_CHARS;
    if (!keep) field = "";
    for (let i = 0; i < text.length && problem === undefined; i++) {
      const c = text[i]!;
      if (inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            if (keep) field += '"';
            i++;
          } else {
            inQuotes = false;
            afterQuote = true;
          }
        } else if (keep) field += c;
      } else if (c === ",") {
        fields.push(field);
        field = "";
        afterQuote = false;
      } else if (c === '"') {
        if (field.trim() !== "" || afterQuote) {
          problem = `a quote in the middle of a field (column ${fields.length + 1}); wrap the field in quotes and double any quote inside it`;
        } else {
          field = "";
          inQuotes = true;
        }
      } else if (afterQuote) {
        if (c.trim() !== "") problem = `text after a closing quote (column ${fields.length + 1})`;
      } else if (keep) field += c;
    }
    if (problem !== undefined) {
      inQuotes = false;
      if (recordLength <= MAX_LIST_LINE_CHARS) yield { line: startLine, problem, text };
    } else if (!inQuotes && recordLength <= MAX_LIST_LINE_CHARS) {
      fields.push(field);
      yield { line: startLine, fields };
    }
  }
  if (inQuotes) yield { line: startLine, problem: "a quoted field is never closed", text: fields.join(",") };
}
