import { HarvestInputError, HarvestLineTooLongError } from "./errors.js";
import { excerpt } from "./excerpt.js";
import { readBoundedLines } from "./read-lines.js";

/**
 * The longest line of a URL list, in characters (a CSV record spanning lines counts whole).
 * Only this much of a line is ever held; a longer line is reported by its start and skipped.
 */
export const MAX_LIST_LINE_CHARS = 65_536;
/** The longest URL taken from a list, in characters: longer ones are refused before any request. */
export const MAX_LIST_URL_CHARS = 8192;

/** One entry of a URL list. */
export interface UrlListEntry {
  readonly url: string;
  /** The label column (the folder the file goes in), when the list has one. */
  readonly label?: string;
  /** 1-based line the entry starts on. */
  readonly line: number;
}

/** How `parseUrlList` reads. */
export interface ParseUrlListOptions {
  /**
   * Told of each line (or URL) over its limit (`MAX_LIST_LINE_CHARS`, `MAX_LIST_URL_CHARS`),
   * which is then skipped; without it such a line throws the same error.
   */
  readonly onTooLong?: (error: HarvestLineTooLongError) => void;
}

/** Formats `parseUrlList` reads. */
export type UrlListFormat = "txt" | "csv" | "jsonl";

/** The format a file name implies, or `undefined` for an unsupported extension. */
export function urlListFormat(fileName: string): UrlListFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".txt") || lower.endsWith(".lst")) return "txt";
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return undefined;
}

/**
 * Reads a URL list as a stream of entries: `.txt` (one URL a line, `#` comments), `.csv`
 * (a header row with `url` and optionally `label`, RFC 4180 quoting) or `.jsonl`
 * (`{"url": ..., "label": ...}` a line). Blank lines are skipped. A bad line throws
 * `HarvestInputError` naming the file and the line, quoting at most `EXCERPT_CHARS` of it
 * (without credentials). A line over `MAX_LIST_LINE_CHARS` or a URL over
 * `MAX_LIST_URL_CHARS` throws `HarvestLineTooLongError`, or goes to `options.onTooLong`
 * and is skipped.
 *
 * @example
 * for await (const { url, label } of parseUrlList(file.stream(), "urls.csv")) ...
 */
export async function* parseUrlList(
  body: ReadableStream<Uint8Array>,
  fileName: string,
  format: UrlListFormat | undefined = urlListFormat(fileName),
  options: ParseUrlListOptions = {},
): AsyncGenerator<UrlListEntry> {
  if (!format) {
    throw new HarvestInputError(fileName, 0, "unsupported list format; use a .txt, .csv or .jsonl file");
  }
  const tooLong =
    options.onTooLong ??
    ((error: HarvestLineTooLongError) => {
      throw error;
    });
  const list: ListReading = { fileName, tooLong };
  const entries = format === "txt" ? parseTxt(body, list) : format === "jsonl" ? parseJsonl(body, list) : parseCsv(body, list);
  for await (const entry of entries) {
    if (entry.url.length <= MAX_LIST_URL_CHARS) yield entry;
    else tooLong(lineTooLong(fileName, entry.line, "url-too-long", entry.url, entry.url.length, MAX_LIST_URL_CHARS, entry.label));
  }
}

/** The list being read: its name for messages, and what an over-long line does. */
interface ListReading {
  readonly fileName: string;
  readonly tooLong: (error: HarvestLineTooLongError) => void;
}

function lineTooLong(fileName: string, line: number, reason: "line-too-long" | "url-too-long", start: string, length: number, limit: number, label?: string) {
  return new HarvestLineTooLongError(fileName, line, reason, { length, limit, excerpt: excerpt(start), label });
}

/** The lines of a list, numbered, each at most `MAX_LIST_LINE_CHARS`; longer ones go to `tooLong` and are skipped. */
async function* listLines(body: ReadableStream<Uint8Array>, list: ListReading): AsyncGenerator<{ line: number; text: string }> {
  let line = 0;
  for await (const read of readBoundedLines(body, MAX_LIST_LINE_CHARS)) {
    line++;
    const text = line === 1 ? read.text.replace(/^\uFEFF/, "") : read.text;
    if (read.length > MAX_LIST_LINE_CHARS) list.tooLong(lineTooLong(list.fileName, line, "line-too-long", text, read.length, MAX_LIST_LINE_CHARS));
    else yield { line, text };
  }
}

function checkUrl(fileName: string, line: number, raw: unknown): string {
  if (typeof raw !== "string" || raw.trim() === "") throw new HarvestInputError(fileName, line, "the url is empty");
  const url = raw.trim();
  if (url.length > MAX_LIST_URL_CHARS) return url; // refused by parseUrlList, with its label
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new HarvestInputError(fileName, line, `${JSON.stringify(excerpt(url))} is not an absolute URL`, { cause: error });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new HarvestInputError(fileName, line, `${JSON.stringify(excerpt(url))} is not an http(s) URL`);
  }
  return url;
}

function checkLabel(fileName: string, line: number, raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "string") throw new HarvestInputError(fileName, line, `the label must be a string, got ${excerpt(JSON.stringify(raw))}`);
  const label = raw.trim();
  return label === "" ? undefined : label;
}

async function* parseTxt(body: ReadableStream<Uint8Array>, list: ListReading): AsyncGenerator<UrlListEntry> {
  for await (const { line, text } of listLines(body, list)) {
    const trimmed = text.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    yield { url: checkUrl(list.fileName, line, trimmed), line };
  }
}

async function* parseJsonl(body: ReadableStream<Uint8Array>, list: ListReading): AsyncGenerator<UrlListEntry> {
  const { fileName } = list;
  for await (const { line, text } of listLines(body, list)) {
    const trimmed = text.trim();
    if (trimmed === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new HarvestInputError(
        fileName,
        line,
        `not valid JSON (${excerpt((error as Error).message, 160)}); each line must be {"url": "...", "label": "..."}`,
        {
          cause: error,
        },
      );
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new HarvestInputError(fileName, line, 'each line must be a JSON object such as {"url": "...", "label": "..."}');
    }
    const record = value as Record<string, unknown>;
    if (!("url" in record)) throw new HarvestInputError(fileName, line, 'the object has no "url" field');
    const url = checkUrl(fileName, line, record.url);
    const label = checkLabel(fileName, line, record.label);
    yield label === undefined ? { url, line } : { url, label, line };
  }
}

/**
 * Splits CSV text into records, field by field, honouring quotes that span lines. A record
 * over `MAX_LIST_LINE_CHARS` in all goes to `tooLong`; its fields are then no longer kept,
 * only its quotes followed. An over-long line loses its quotes with its end: the record is
 * taken to end with it.
 */
async function* csvRecords(body: ReadableStream<Uint8Array>, list: ListReading): AsyncGenerator<{ line: number; fields: string[] }> {
  const { fileName } = list;
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let afterQuote = false;
  let startLine = 1;
  let recordLength = 0;
  let lastLine = 0;
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
      if (text.trim() === "") continue;
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
    for (let i = 0; i < text.length; i++) {
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
          throw new HarvestInputError(
            fileName,
            line,
            `a quote in the middle of a field (column ${fields.length + 1}); wrap the field in quotes and double any quote inside it`,
          );
        }
        field = "";
        inQuotes = true;
      } else if (afterQuote) {
        if (c.trim() !== "") throw new HarvestInputError(fileName, line, `text after a closing quote (column ${fields.length + 1})`);
      } else if (keep) field += c;
    }
    if (!inQuotes && recordLength <= MAX_LIST_LINE_CHARS) {
      fields.push(field);
      yield { line: startLine, fields };
    }
  }
  if (inQuotes) throw new HarvestInputError(fileName, startLine, "a quoted field is never closed");
}

async function* parseCsv(body: ReadableStream<Uint8Array>, list: ListReading): AsyncGenerator<UrlListEntry> {
  const { fileName } = list;
  let urlColumn = -1;
  let labelColumn = -1;
  let width = 0;
  for await (const { line, fields } of csvRecords(body, list)) {
    if (urlColumn === -1) {
      const names = fields.map((f) => f.trim().toLowerCase());
      urlColumn = names.indexOf("url");
      labelColumn = names.indexOf("label");
      width = fields.length;
      if (urlColumn === -1) {
        throw new HarvestInputError(
          fileName,
          line,
          `the header row has no "url" column (found: ${excerpt(fields.map((f) => JSON.stringify(f.trim())).join(", "))}); the first row must name the columns, e.g. url,label`,
        );
      }
      continue;
    }
    if (fields.length !== width) {
      throw new HarvestInputError(fileName, line, `expected ${width} fields as in the header, found ${fields.length}; quote fields that contain commas`);
    }
    const url = checkUrl(fileName, line, fields[urlColumn]);
    const label = labelColumn === -1 ? undefined : checkLabel(fileName, line, fields[labelColumn]);
    yield label === undefined ? { url, line } : { url, label, line };
  }
}
