import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

/** The list formats the million section can write: plain or gzip-compressed. */
export const URL_LIST_FORMATS = ["txt", "txt.gz", "jsonl", "jsonl.gz"] as const;
export type UrlListFormat = (typeof URL_LIST_FORMATS)[number];

/** Labels of a jsonl list, one per URL in turn (txt lists carry none). */
export const LIST_LABELS = ["abyssinian", "bengal", "birman", "bombay", "maine coon", "persian", "ragdoll", "siamese", "sphynx", "tabby"] as const;

/** Lines written per chunk: few enough to stay small, many enough to keep the stream cheap. */
const LINES_PER_CHUNK = 10_000;

/** The URL of bulk image `n` on a bulk CDN at `origin` (see emulator-kit's `bulkImagePath`). */
export function bulkUrl(origin: string, n: number): string {
  return `${origin}/_bulk/${n}.jpg`;
}

function line(origin: string, n: number, format: UrlListFormat): string {
  const url = bulkUrl(origin, n);
  return format.startsWith("jsonl") ? `${JSON.stringify({ url, label: LIST_LABELS[n % LIST_LABELS.length] })}\n` : `${url}\n`;
}

function* chunks(origin: string, count: number, format: UrlListFormat): Generator<string> {
  for (let start = 0; start < count; start += LINES_PER_CHUNK) {
    let text = "";
    for (let n = start; n < Math.min(count, start + LINES_PER_CHUNK); n++) text += line(origin, n, format);
    yield text;
  }
}

/**
 * Writes a list of `count` distinct bulk-image URLs (0 to count - 1) to `path`, streamed (never
 * held whole): one URL a line (txt), or `{ url, label }` lines (jsonl), gzip-compressed for the
 * `.gz` formats. The path should end with the format, which is how the command reads it.
 */
export async function writeUrlList(path: string, origin: string, count: number, format: UrlListFormat): Promise<void> {
  const source = Readable.from(chunks(origin, count, format));
  const out = createWriteStream(path);
  if (format.endsWith(".gz")) await pipeline(source, createGzip({ level: 1 }), out);
  else await pipeline(source, out);
}
