import { HarvestBadRowError, HarvestLineTooLongError } from "./errors.js";
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
  /** 1-based line the entry starts on (for Parquet, its 1-based row number). */
  readonly line: number;
}

/** The list being read: its name for messages, and what an over-long line and a bad row do. */
export interface ListReading {
  readonly fileName: string;
  readonly tooLong: (error: HarvestLineTooLongError) => void;
  readonly bad: (error: HarvestBadRowError) => void;
}

export function lineTooLong(
  fileName: string,
  line: number,
  reason: "line-too-long" | "url-too-long",
  start: string,
  length: number,
  limit: number,
  label?: string,
) {
  return new HarvestLineTooLongError(fileName, line, reason, { length, limit, excerpt: excerpt(start), label });
}

/** `make()`'s entry, or `undefined` when the row is bad: then it goes to `list.bad`. */
export function entryOrBad(list: ListReading, make: () => UrlListEntry): UrlListEntry | undefined {
  try {
    return make();
  } catch (error) {
    if (!HarvestBadRowError.isInstance(error)) throw error;
    list.bad(error);
    return undefined;
  }
}

/** The lines of a list, numbered, each at most `MAX_LIST_LINE_CHARS`; longer ones go to `tooLong` and are skipped. */
export async function* listLines(
  body: ReadableStream<Uint8Array>,
  list: Pick<ListReading, "fileName" | "tooLong">,
): AsyncGenerator<{ line: number; text: string }> {
  let line = 0;
  for await (const read of readBoundedLines(body, MAX_LIST_LINE_CHARS)) {
    line++;
    const text = line === 1 ? read.text.replace(/^\uFEFF/, "") : read.text;
    if (read.length > MAX_LIST_LINE_CHARS) list.tooLong(lineTooLong(list.fileName, line, "line-too-long", text, read.length, MAX_LIST_LINE_CHARS));
    else yield { line, text };
  }
}
