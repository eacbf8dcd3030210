import { HarvestInputError } from "./errors.js";
import { readLines } from "./read-lines.js";

/** One entry of a URL list. */
export interface UrlListEntry {
  readonly url: string;
  /** The label column (the folder the file goes in), when the list has one. */
  readonly label?: string;
  /** 1-based line the entry starts on. */
  readonly line: number;
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
 * `HarvestInputError` naming the file and the line.
 *
 * @example
 * for await (const { url, label } of parseUrlList(file.stream(), "urls.csv")) ...
 */
export async function* parseUrlList(
  body: ReadableStream<Uint8Array>,
  fileName: string,
  format: UrlListFormat | undefined = urlListFormat(fileName),
): AsyncGenerator<UrlListEntry> {
  if (!format) {
    throw new HarvestInputError(fileName, 0, "unsupported list format; use a .txt, .csv or .jsonl file");
  }
  if (format === "txt") yield* parseTxt(body, fileName);
  else if (format === "jsonl") yield* parseJsonl(body, fileName);
  else yield* parseCsv(body, fileName);
}

function checkUrl(fileName: string, line: number, raw: unknown): string {
  if (typeof raw !== "string" || raw.trim() === "") throw new HarvestInputError(fileName, line, "the url is empty");
  const url = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new HarvestInputError(fileName, line, `${JSON.stringify(url)} is not an absolute URL`, { cause: error });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new HarvestInputError(fileName, line, `${JSON.stringify(url)} is not an http(s) URL`);
  }
  return url;
}

function checkLabel(fileName: string, line: number, raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "string") throw new HarvestInputError(fileName, line, `the label must be a string, got ${JSON.stringify(raw)}`);
  const label = raw.trim();
  return label === "" ? undefined : label;
}

async function* parseTxt(body: ReadableStream<Uint8Array>, fileName: string): AsyncGenerator<UrlListEntry> {
  let line = 0;
  for await (const text of readLines(body)) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    yield { url: checkUrl(fileName, line, trimmed), line };
  }
}

async function* parseJsonl(body: ReadableStream<Uint8Array>, fileName: string): AsyncGenerator<UrlListEntry> {
  let line = 0;
  for await (const text of readLines(body)) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (trimmed === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new HarvestInputError(fileName, line, `not valid JSON (${(error as Error).message}); each line must be {"url": "...", "label": "..."}`, {
        cause: error,
      });
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

/** Splits CSV text into records, field by field, honouring quotes that span lines. */
async function* csvRecords(body: ReadableStream<Uint8Array>, fileName: string): AsyncGenerator<{ line: number; fields: string[] }> {
  let line = 0;
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let afterQuote = false;
  let startLine = 1;
  for await (const raw of readLines(body)) {
    line++;
    const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (!inQuotes) {
      startLine = line;
      fields = [];
      field = "";
      afterQuote = false;
      if (text.trim() === "") continue;
    } else {
      field += "\n";
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            inQuotes = false;
            afterQuote = true;
          }
        } else field += c;
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
      } else field += c;
    }
    if (!inQuotes) {
      fields.push(field);
      yield { line: startLine, fields };
    }
  }
  if (inQuotes) throw new HarvestInputError(fileName, startLine, "a quoted field is never closed");
}

async function* parseCsv(body: ReadableStream<Uint8Array>, fileName: string): AsyncGenerator<UrlListEntry> {
  let urlColumn = -1;
  let labelColumn = -1;
  let width = 0;
  for await (const { line, fields } of csvRecords(body, fileName)) {
    if (urlColumn === -1) {
      const names = fields.map((f) => f.trim().toLowerCase());
      urlColumn = names.indexOf("url");
      labelColumn = names.indexOf("label");
      width = fields.length;
      if (urlColumn === -1) {
        throw new HarvestInputError(
          fileName,
          line,
          `the header row has no "url" column (found: ${fields.map((f) => JSON.stringify(f.trim())).join(", ")}); the first row must name the columns, e.g. url,label`,
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
