import type { StorageAdapter } from "@cat-harvest/storage";
import type { FailureRow } from "./dataset-files.js";
import { HarvestUsageError, type HarvestBadRowError, type HarvestLineTooLongError } from "./errors.js";
import { listColumns, type ListColumns } from "./list-columns.js";
import { METADATA_FILE } from "./dataset-files.js";
import { downloadShards, type DownloadShardsOptions } from "./shards/download-shards.js";
import { PLAN_FILE } from "./shards/shard-names.js";
import { createPhotoAdmitter } from "./admit-photo.js";
import { DEFAULT_CONCURRENCY } from "./download-run-options.js";
import type { HarvestSummary } from "./harvest.js";
import { resumeLines } from "./log-resume.js";
import { openRunDataset } from "./open-run-dataset.js";
import type { PhotoCandidate, PhotoJob } from "./photo-candidate.js";
import { createPhotoPlacer } from "./place-photo.js";
import { createRunProgress } from "./run-progress.js";
import { countResults, datasetSummary, storePhotos } from "./store-photos.js";
import { UNLABELLED } from "./unlabelled.js";
import { parseUrlList, type UrlListEntry } from "./url-list.js";

export { UNLABELLED };

export type DownloadListOptions = DownloadShardsOptions;

/** The URL list source's candidate: a line's label is its breed; it has no record behind it. */
export function listEntryCandidate(entry: UrlListEntry): PhotoCandidate {
  return { url: entry.url, breed: entry.label ?? UNLABELLED, recordId: null, photo: null };
}

/** The failures.jsonl line of a list line skipped for its length or as a bad row: its excerpt stands for the URL. */
export function tooLongFailure(error: HarvestLineTooLongError | HarvestBadRowError): FailureRow {
  return { source_url: error.excerpt, breed: error.label ?? UNLABELLED, animal_id: null, reason: error.reason, attempts: 0, detail: error.message };
}

function listReadOptions(options: ListColumns, onBadRow: (error: HarvestLineTooLongError | HarvestBadRowError) => void) {
  return { onBadRow, ...listColumns(options) };
}

/**
 * Downloads any URL list into a data set with the same layout as a harvest: each label is a
 * folder (`unlabelled` without one), files are named by `urlFileName`, and metadata.jsonl,
 * failures.jsonl and breeds.csv (label, folder, images) are written. Resumes like a harvest,
 * with the same decisions (`createPhotoDecider`), without a cap. A line or URL over its limit
 * (`MAX_LIST_LINE_CHARS`, `MAX_LIST_URL_CHARS`) or a bad row (`HarvestBadRowError`: no URL,
 * not http(s), unparseable) is not fetched: it is a failure (`line-too-long`,
 * `url-too-long`, `invalid-url`..., quoted by its start), logged, and the run goes on.
 *
 * @example
 * await downloadList({ input: Readable.toWeb(createReadStream("urls.csv")), inputName: "urls.csv", storage });
 */
export async function downloadList(options: DownloadListOptions): Promise<HarvestSummary> {
  const { storage } = options;
  if (await runsInShards(storage)) {
    try {
      return await downloadShards(options);
    } finally {
      await storage.close();
    }
  }
  if ((options.format ?? "files") !== "files") {
    await storage.close().catch(() => {});
    throw new HarvestUsageError(
      "format",
      `a ${options.format} data set goes into a folder or an S3 prefix; ${storage.name} storage cannot replace the files of an unfinished shard`,
      {
        value: options.format,
      },
    );
  }
  return downloadListWhole(options);
}

/**
 * Whether a download goes shard by shard: on a store that can replace objects (a folder, S3,
 * memory), unless it holds a data set of an earlier version (metadata.jsonl without a plan),
 * which is resumed as it was made. An archive keeps the whole-data-set bookkeeping.
 */
async function runsInShards(storage: StorageAdapter): Promise<boolean> {
  if (!storage.capabilities.replace) return false;
  if (await storage.stat(PLAN_FILE)) return true;
  return (await storage.stat(METADATA_FILE)) === null;
}

/** The download of earlier versions: the whole data set's bookkeeping (`openDataset`), for archives and older data sets. */
async function downloadListWhole(options: DownloadListOptions): Promise<HarvestSummary> {
  const input = typeof options.input === "function" ? options.input() : options.input;
  const startedAt = Date.now();
  const { signal } = options;
  const dataset = await openRunDataset(options.storage, options);
  const { progress, report } = createRunProgress("download", 0, options.onProgress, startedAt);
  for (const line of resumeLines(dataset.resume)) options.onLog?.(line);
  const folders = new Set<string>();
  const place = createPhotoPlacer();
  const admit = createPhotoAdmitter(dataset, progress);
  let finished = false;
  try {
    const onBadRow = (error: HarvestLineTooLongError | HarvestBadRowError) => {
      dataset.fail(tooLongFailure(error));
      progress.failed++;
      options.onLog?.(error.message);
      report();
    };
    async function* jobs(): AsyncGenerator<PhotoJob> {
      for await (const entry of parseUrlList(input, options.inputName, undefined, listReadOptions(options, onBadRow))) {
        progress.records++;
        const candidate = listEntryCandidate(entry);
        folders.add(place(candidate).folder);
        progress.breedsTotal = folders.size;
        const job = await admit(candidate);
        if (job) yield job;
      }
      progress.breedsDone = folders.size;
      report();
    }
    const interrupted = await storePhotos(dataset, jobs(), {
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      signal,
      fetch: options.fetch,
      createSha256: options.createSha256,
      onResult: countResults(progress, report),
    });
    finished = true;
    await dataset.finish();
    progress.phase = "done";
    report();
    const summary = datasetSummary(dataset, progress);
    return {
      status: interrupted || signal?.aborted ? "interrupted" : summary.failed > 0 ? "partial" : "complete",
      type: "list",
      breeds: folders.size,
      overCap: 0,
      ...summary,
      apiErrors: [],
      durationMs: Date.now() - startedAt,
    };
  } finally {
    if (!finished) await dataset.finish().catch(() => {});
  }
}
