import { CARD_FILE, METADATA_FILE, REPORT_FILE } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import { collectReportData } from "./collect-report-data.js";
import type { DatasetReader } from "./dataset-reader.js";
import { ReportDatasetError } from "./errors.js";
import { isOwnCard, madeOfCard, type ReportMade } from "./made.js";
import { makeThumbnails } from "./make-thumbnails.js";
import { readFilesLayout } from "./read-files-layout.js";
import { renderCard } from "./render-card.js";
import { renderReportHtml } from "./render-report-html.js";
import type { ReportData } from "./report-data.js";
import type { Thumbnailer } from "./thumbnailer.js";

/** Thumbnails per breed folder. */
export const DEFAULT_PER_BREED = 24;
/** Breeds with fewer images are marked in the chart. */
export const DEFAULT_MINIMUM = 100;
/** Pixels on a thumbnail's longer side. */
export const DEFAULT_THUMBNAIL_SIZE = 128;

export interface WriteReportOptions {
  /** Makes the thumbnails (the command passes one made with sharp). */
  readonly thumbnailer: Thumbnailer;
  /** The version of the program writing the report, shown in it. */
  readonly version: string;
  /** The run that just made or added to the data set; when absent, the one the earlier card recorded. */
  readonly made?: ReportMade;
  /** Reads the data set. @default `readFilesLayout(storage)` */
  readonly reader?: DatasetReader;
  /** Link each thumbnail to its full file: only where the files sit beside report.html (a folder). @default false */
  readonly links?: boolean;
  /** @default DEFAULT_PER_BREED (24) */
  readonly perBreed?: number;
  /** @default DEFAULT_MINIMUM (100) */
  readonly minimum?: number;
  /** @default DEFAULT_THUMBNAIL_SIZE (128) */
  readonly thumbnailSize?: number;
  /** Thumbnails made at once. @default 8 */
  readonly concurrency?: number;
  /** The card's `pretty_name` and the report's title. @default "Cat photos by breed" */
  readonly title?: string;
  /** @default new Date() */
  readonly now?: Date;
  readonly signal?: AbortSignal;
}

export interface WriteReportResult {
  readonly report: { readonly key: string; readonly bytes: number };
  /** The card, or why it was not written (a README.md of the user's own is left alone). */
  readonly card: { readonly key: string; readonly bytes: number } | { readonly key: string; readonly skipped: string };
  readonly thumbnails: number;
  readonly data: ReportData;
}

function checkOptions(options: WriteReportOptions): void {
  for (const name of ["perBreed", "minimum", "thumbnailSize", "concurrency"] as const) {
    const value = options[name];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new TypeError(`writeReport: ${name} must be a positive integer, got ${value}`);
  }
  if (typeof options.thumbnailer !== "function") throw new TypeError("writeReport: thumbnailer must be a function (photo, size) => Promise<Thumbnail>");
}

/**
 * Writes `report.html` and the data set card `README.md` into a data set, reading it only
 * through `storage` and changing nothing else in it. Both are rebuilt from the data set's
 * files, so calling it again at any time gives the same page for the same data set. A
 * README.md that this package did not write is left as it is.
 *
 * @example
 * await writeReport(await createFsStorage({ root: "./cat_breeds" }), { thumbnailer, version: "1.0.0", links: true });
 */
export async function writeReport(storage: StorageAdapter, options: WriteReportOptions): Promise<WriteReportResult> {
  checkOptions(options);
  if (!(await storage.stat(METADATA_FILE))) throw new ReportDatasetError(METADATA_FILE, "is missing: is this the destination of a harvest or download?");
  const reader = options.reader ?? readFilesLayout(storage);
  const data = await collectReportData(reader, options.perBreed ?? DEFAULT_PER_BREED, options.signal);
  const earlierCard = await reader.text(CARD_FILE);
  const made = options.made ?? (earlierCard ? madeOfCard(earlierCard) : undefined);
  const built = { version: options.version, date: (options.now ?? new Date()).toISOString() };
  const title = options.title ?? "Cat photos by breed";
  const thumbnails = await makeThumbnails(reader, data.breeds, {
    thumbnailer: options.thumbnailer,
    size: options.thumbnailSize ?? DEFAULT_THUMBNAIL_SIZE,
    concurrency: options.concurrency ?? 8,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const html = renderReportHtml({ title, data, thumbnails, links: options.links ?? false, minimum: options.minimum ?? DEFAULT_MINIMUM, made, built });
  const report = await putText(storage, REPORT_FILE, html, "text/html; charset=utf-8");
  const card =
    earlierCard !== undefined && !isOwnCard(earlierCard)
      ? { key: CARD_FILE, skipped: `${CARD_FILE} is not a card cat-harvest wrote; it is left as it is` }
      : await putText(storage, CARD_FILE, renderCard(title, data, made, built), "text/markdown; charset=utf-8");
  return { report, card, thumbnails: thumbnails.size, data };
}

async function putText(storage: StorageAdapter, key: string, text: string, contentType: string): Promise<{ key: string; bytes: number }> {
  const bytes = new TextEncoder().encode(text);
  // supersede: an archive appends the new copy, which wins; the old one stays until it is whole.
  await storage.put(key, bytes, { size: bytes.byteLength, contentType, supersede: true });
  return { key, bytes: bytes.byteLength };
}
