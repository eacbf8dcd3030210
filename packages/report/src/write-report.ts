import { CARD_FILE, METADATA_FILE, REPORT_FILE } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import { collectReportData } from "./collect-report-data.js";
import type { DatasetReader } from "./dataset-reader.js";
import { ReportDatasetError } from "./errors.js";
import { identityOfCard, isOwnCard, madeOfCard, type ReportMade } from "./made.js";
import { makeThumbnails } from "./make-thumbnails.js";
import { openDatasetReader } from "./open-dataset-reader.js";
import { renderCard } from "./render-card.js";
import { renderReportHtml } from "./render-report-html.js";
import type { ReportData } from "./report-data.js";
import { reportIdentity, storedReportIdentity } from "./report-identity.js";
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
  /** Reads the data set. @default `openDatasetReader(storage)` (the files layout, or tar shards when `_plan.json` says webdataset) */
  readonly reader?: DatasetReader;
  /** Link each thumbnail to its full file: only where the files sit beside report.html (a folder in the files layout). @default false */
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

/** A file written, or left as it was because it already showed this data set (see `reportIdentity`). */
export type WrittenFile = { readonly key: string; readonly bytes: number } | { readonly key: string; readonly unchanged: true };

export interface WriteReportResult {
  readonly report: WrittenFile;
  /** The card, or why it was not written (a README.md of the user's own is left alone). */
  readonly card: WrittenFile | { readonly key: string; readonly skipped: string };
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
 * files, so calling it again at any time gives the same page for the same data set; when the
 * stored ones already show this data set (same rows, options and version), neither is written
 * again. A README.md that this package did not write is left as it is.
 *
 * @example
 * await writeReport(await createFsStorage({ root: "./cat_breeds" }), { thumbnailer, version: "1.0.0", links: true });
 */
export async function writeReport(storage: StorageAdapter, options: WriteReportOptions): Promise<WriteReportResult> {
  checkOptions(options);
  const reader = options.reader ?? (await openDatasetReader(storage));
  if (reader.layout === "files" && !(await storage.stat(METADATA_FILE))) {
    throw new ReportDatasetError(METADATA_FILE, "is missing: is this the destination of a harvest or download?");
  }
  const data = await collectReportData(reader, options.perBreed ?? DEFAULT_PER_BREED, options.signal);
  const earlierCard = await reader.text(CARD_FILE);
  const made = options.made ?? (earlierCard ? madeOfCard(earlierCard) : undefined);
  const title = options.title ?? "Cat photos by breed";
  // Links reach files beside report.html: a tar shard's members are not such files.
  const links = (options.links ?? false) && reader.layout === "files";
  const minimum = options.minimum ?? DEFAULT_MINIMUM;
  const size = options.thumbnailSize ?? DEFAULT_THUMBNAIL_SIZE;
  const identity = await reportIdentity({ data, title, links, minimum, thumbnailSize: size, version: options.version, command: made?.command });
  const unchanged = await whatIsUnchanged(storage, earlierCard, identity);
  if (unchanged.report && unchanged.card) return { report: { key: REPORT_FILE, unchanged: true }, card: unchanged.card, thumbnails: 0, data };
  const built = { version: options.version, date: (options.now ?? new Date()).toISOString() };
  const thumbnails = await makeThumbnails(reader, data.breeds, {
    thumbnailer: options.thumbnailer,
    size,
    concurrency: options.concurrency ?? 8,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const html = renderReportHtml({ title, data, thumbnails, links, minimum, made, built, identity });
  const report = unchanged.report ? { key: REPORT_FILE, unchanged: true as const } : await putText(storage, REPORT_FILE, html, "text/html; charset=utf-8");
  const card = unchanged.card ?? (await putText(storage, CARD_FILE, renderCard(title, data, made, built, identity), "text/markdown; charset=utf-8"));
  return { report, card, thumbnails: thumbnails.size, data };
}

/**
 * Whether the stored report.html already shows this data set, and the card's outcome when it is
 * not to be written: left alone (the user's own) or unchanged (it carries the same identity).
 */
async function whatIsUnchanged(storage: StorageAdapter, earlierCard: string | undefined, identity: string) {
  const report = (await storedReportIdentity(storage, REPORT_FILE)) === identity;
  if (earlierCard !== undefined && !isOwnCard(earlierCard)) {
    return { report, card: { key: CARD_FILE, skipped: `${CARD_FILE} is not a card cat-harvest wrote; it is left as it is` } };
  }
  const card = earlierCard !== undefined && identityOfCard(earlierCard) === identity ? { key: CARD_FILE, unchanged: true as const } : undefined;
  return { report, card };
}

async function putText(storage: StorageAdapter, key: string, text: string, contentType: string): Promise<{ key: string; bytes: number }> {
  const bytes = new TextEncoder().encode(text);
  // supersede: an archive appends the new copy, which wins; the old one stays until it is whole.
  await storage.put(key, bytes, { size: bytes.byteLength, contentType, supersede: true });
  return { key, bytes: bytes.byteLength };
}
