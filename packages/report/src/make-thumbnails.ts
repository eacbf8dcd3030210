import type { MetadataRow } from "@cat-harvest/harvest";
import pLimit from "p-limit";
import type { DatasetReader } from "./dataset-reader.js";
import type { BreedSheet } from "./report-data.js";
import type { Thumbnail, Thumbnailer } from "./thumbnailer.js";

export interface MakeThumbnailsOptions {
  readonly thumbnailer: Thumbnailer;
  readonly size: number;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
}

/**
 * A thumbnail of every sampled photo, by file name. A photo that is gone or that the
 * thumbnailer cannot read gets none (the sheet shows its name instead): the report of a
 * damaged data set still shows the rest, and `verify` says what is wrong.
 */
export async function makeThumbnails(reader: DatasetReader, sheets: readonly BreedSheet[], options: MakeThumbnailsOptions): Promise<Map<string, Thumbnail>> {
  const limit = pLimit(options.concurrency);
  const thumbnails = new Map<string, Thumbnail>();
  const one = async (row: MetadataRow, photo: Uint8Array | undefined) => {
    if (!photo) return;
    const thumbnail = await options.thumbnailer(photo, options.size).catch(() => undefined);
    if (thumbnail) thumbnails.set(row.file_name, thumbnail);
  };
  const rows = sheets.flatMap((sheet) => sheet.samples);
  if (!reader.photos) {
    await Promise.all(rows.map((row) => limit(async () => (options.signal?.throwIfAborted(), one(row, await reader.photo(row))))));
    return thumbnails;
  }
  // Photos read ahead of the thumbnailer wait in memory: no more than it has at work.
  const busy = new Set<Promise<void>>();
  for await (const { row, bytes } of reader.photos(rows)) {
    options.signal?.throwIfAborted();
    const made: Promise<void> = one(row, bytes).finally(() => busy.delete(made));
    busy.add(made);
    if (busy.size >= options.concurrency) await Promise.race(busy);
  }
  await Promise.all(busy);
  return thumbnails;
}

/** A thumbnail as a `data:` URI, so the report needs no other file and works from an archive or S3. */
export function thumbnailDataUri(thumbnail: Thumbnail): string {
  let binary = "";
  const { bytes } = thumbnail;
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${thumbnail.type};base64,${btoa(binary)}`;
}
