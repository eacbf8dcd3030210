import { createDownloader, type DownloadEvent } from "@cat-harvest/downloader";
import { publicUrl } from "@cat-harvest/http";
import type { Dataset } from "./dataset.js";
import { DUPLICATE_REASON } from "./failure-row.js";
import type { CreateSha256 } from "./hash-stream.js";
import type { PhotoCandidate, PhotoJob } from "./photo-candidate.js";
import { recordFields } from "./record-fields.js";

export interface StorePhotosOptions {
  readonly concurrency: number;
  readonly signal?: AbortSignal | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
  readonly createSha256?: CreateSha256 | undefined;
  /** After every stored, failed or duplicate photo. */
  readonly onResult?: (result: "stored" | "failed" | "duplicate", bytes: number) => void;
  /** After every job the downloader ended, whatever the ending (interrupted ones too). */
  readonly onJobEnd?: () => void;
}

/**
 * Downloads jobs into the data set's storage, recording each stored file in the data set
 * (and checkpointing it), each failure and each byte-identical duplicate in failures.jsonl.
 * Resolves `true` when the signal stopped it.
 */
export async function storePhotos(dataset: Dataset, jobs: AsyncIterable<PhotoJob>, options: StorePhotosOptions): Promise<boolean> {
  const { signal, onResult } = options;
  const holders = new Map<string, string>();
  const claims = new Map<string, string>();
  const downloader = createDownloader<PhotoCandidate>({
    storage: dataset.storage,
    concurrency: options.concurrency,
    skipExisting: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.createSha256 ? { createSha256: options.createSha256 } : {}),
    isDuplicate(sha256, job) {
      const holder = dataset.claimContent(sha256, job.key);
      if (holder === undefined) {
        claims.set(job.key, sha256);
        return false;
      }
      holders.set(job.key, holder);
      return true;
    },
    async onEvent(event: DownloadEvent<PhotoCandidate>) {
      if (event.type === "done" || event.type === "failed" || event.type === "skipped") options.onJobEnd?.();
      if (event.type === "done") {
        const meta = event.meta!;
        claims.delete(event.key);
        dataset.record({
          file_name: event.key,
          breed: meta.breed,
          ...recordFields(meta),
          photo: meta.photo,
          source_url: publicUrl(event.url),
          bytes: event.bytes,
          sha256: event.sha256,
          ...(event.width !== undefined ? { width: event.width } : {}),
          ...(event.height !== undefined ? { height: event.height } : {}),
        });
        onResult?.("stored", event.bytes);
        // Not awaited: a checkpoint must not hold up this worker; finish() waits for it.
        void dataset.checkpoint().catch(() => {});
      } else if (event.type === "failed") {
        const meta = event.meta!;
        const sha = claims.get(event.key);
        if (sha !== undefined) dataset.releaseContent(sha, event.key);
        claims.delete(event.key);
        // An interrupted job is not a failure of the photo: the next run takes it up.
        if (event.reason === "aborted") return;
        dataset.fail({
          source_url: publicUrl(event.url),
          breed: meta.breed,
          ...recordFields(meta),
          reason: event.reason,
          detail: event.message,
          attempts: event.attempts,
          file_name: event.key,
        });
        onResult?.("failed", 0);
      } else if (event.type === "skipped" && event.reason === "duplicate") {
        const meta = event.meta!;
        dataset.fail({
          source_url: publicUrl(event.url),
          breed: meta.breed,
          ...recordFields(meta),
          reason: DUPLICATE_REASON,
          duplicate_of: holders.get(event.key) ?? "another file",
          attempts: event.attempts,
          file_name: event.key,
        });
        holders.delete(event.key);
        onResult?.("duplicate", 0);
      }
    },
  });
  try {
    await downloader.run(jobs, signal ? { signal } : {});
    return false;
  } catch (error) {
    if (signal?.aborted) return true;
    throw error;
  }
}

/** The download-phase counters `harvest` and `downloadList` keep in their progress. */
export interface DownloadCounters {
  records: number;
  stored: number;
  existing: number;
  failed: number;
  duplicates: number;
  bytes: number;
}

/** An `onResult` for `storePhotos` that counts into `counters`, then calls `report`. */
export function countResults(counters: DownloadCounters, report: () => void): NonNullable<StorePhotosOptions["onResult"]> {
  return (result, bytes) => {
    if (result === "stored") {
      counters.stored++;
      counters.bytes += bytes;
    } else if (result === "failed") counters.failed++;
    else counters.duplicates++;
    report();
  };
}

/** The summary fields a finished run reads off its data set and counters. */
export function datasetSummary(dataset: Dataset, counters: DownloadCounters) {
  const failureReasons: Record<string, number> = Object.fromEntries(dataset.failureReasons());
  // Copies of content a file that sorts first holds, dropped at finish.
  const { dropped } = dataset;
  return {
    records: counters.records,
    files: dataset.storedCount,
    stored: counters.stored - dropped.storedThisRun,
    existing: counters.existing,
    failed: Object.values(failureReasons).reduce((a, b) => a + b, 0),
    duplicates: counters.duplicates + dropped.duplicates,
    bytes: counters.bytes,
    totalBytes: dataset.storedBytes,
    counts: dataset.counts(),
    failureReasons,
    resume: dataset.resume,
  };
}
