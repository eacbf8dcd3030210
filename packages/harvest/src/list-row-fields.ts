import { HarvestBadRowError } from "./errors.js";
import { excerpt } from "./excerpt.js";
import { MAX_LIST_URL_CHARS } from "./list-reading.js";

/** Where a row sits, and its text as a message may quote it. */
export interface RowAt {
  readonly fileName: string;
  readonly line: number;
  /** The row as read (a line, or its fields joined), quoted by its start in a bad row's report. */
  readonly text: string;
}

function badRow(at: RowAt, reason: HarvestBadRowError["reason"], problem: string, label?: string, cause?: unknown): HarvestBadRowError {
  return new HarvestBadRowError(at.fileName, at.line, reason, problem, { excerpt: excerpt(at.text), label, cause });
}

/** The row's URL, trimmed: an absolute http(s) URL, or a `HarvestBadRowError` (`missing-url`, `invalid-url`). */
export function checkUrl(at: RowAt, raw: unknown, label?: string): string {
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) throw badRow(at, "missing-url", "the url is empty", label);
  if (typeof raw !== "string") throw badRow(at, "invalid-url", `the url must be text, got ${excerpt(JSON.stringify(raw) ?? String(raw))}`, label);
  const url = raw.trim();
  if (url.length > MAX_LIST_URL_CHARS) return url; // refused by parseUrlList, with its label
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw badRow(at, "invalid-url", `${JSON.stringify(excerpt(url))} is not an absolute URL`, label, error);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw badRow(at, "invalid-url", `${JSON.stringify(excerpt(url))} is not an http(s) URL`, label);
  }
  return url;
}

/** The row's label, trimmed (`undefined` when empty or absent), or a `HarvestBadRowError` (`invalid-label`). */
export function checkLabel(at: RowAt, raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "string") throw badRow(at, "invalid-label", `the label must be a string, got ${excerpt(JSON.stringify(raw) ?? String(raw))}`);
  const label = raw.trim();
  return label === "" ? undefined : label;
}

/** The entry of a row whose URL and label were found: both checked (the label first, so a bad URL's report carries it). */
export function rowEntry(at: RowAt, rawUrl: unknown, rawLabel: unknown): { url: string; label?: string; line: number } {
  const label = checkLabel(at, rawLabel);
  const url = checkUrl(at, rawUrl, label);
  return label === undefined ? { url, line: at.line } : { url, label, line: at.line };
}

/** A row that is bad as a whole (`invalid-json`, `invalid-row`, `missing-url`). */
export function rowProblem(at: RowAt, reason: HarvestBadRowError["reason"], problem: string, cause?: unknown): HarvestBadRowError {
  return badRow(at, reason, problem, undefined, cause);
}
