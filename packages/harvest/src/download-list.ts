import { breedFolderName } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";
import { openDataset } from "./dataset.js";
import { DEFAULT_CONCURRENCY, type DownloadRunOptions, type HarvestSummary } from "./harvest.js";
import type { HarvestProgress } from "./progress.js";
import { sha256OfText } from "./hash-stream.js";
import { countResults, datasetSummary, storePhotos, type PhotoJob } from "./store-photos.js";
import { parseUrlList } from "./url-list.js";

/** The folder of URLs listed without a label. */
export const UNLABELLED = "unlabelled";

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp)$/i;

/**
 * The stable file name of a listed URL: 16 hex digits of its SHA-256 plus the extension its
 * path shows (`.jpg` when it shows none), so re-runs and edited lists agree.
 */
export function urlFileName(url: string): string {
  const ext = IMAGE_EXTENSION.exec(new URL(url).pathname)?.[0]?.toLowerCase().replace(".jpeg", ".jpg") ?? ".jpg";
  return `${sha256OfText(url).slice(0, 16)}${ext}`;
}

export interface DownloadListOptions extends DownloadRunOptions {
  /** The list's bytes (.txt, .csv or .jsonl; see `parseUrlList`). */
  readonly input: ReadableStream<Uint8Array>;
  /** The list's file name: picks the format and names it in errors. */
  readonly inputName: string;
  readonly storage: StorageAdapter;
}

/**
 * Downloads any URL list into a data set with the same layout as a harvest: each label is a
 * folder (`unlabelled` without one), files are named by `urlFileName`, and metadata.jsonl,
 * failures.jsonl and breeds.csv (label, folder, images) are written. Resumes like a harvest.
 *
 * @example
 * await downloadList({ input: Readable.toWeb(createReadStream("urls.csv")), inputName: "urls.csv", storage });
 */
export async function downloadList(options: DownloadListOptions): Promise<HarvestSummary> {
  const startedAt = Date.now();
  const { signal, onProgress } = options;
  const dataset = await openDataset(options.storage, {
    ...(options.checkpointMs !== undefined ? { checkpointMs: options.checkpointMs } : {}),
    ...(signal ? { signal } : {}),
    ...(options.createSha256 ? { createSha256: options.createSha256 } : {}),
  });
  const progress = { phase: "download" as HarvestProgress["phase"], breedsTotal: 0, breedsDone: 0, records: 0, queued: 0, stored: 0, existing: 0, failed: 0, duplicates: 0, bytes: 0, startedAt };
  const report = () => onProgress?.({ ...progress });
  const seen = new Set<string>();
  const folders = new Set<string>();
  let finished = false;
  try {
    async function* jobs(): AsyncGenerator<PhotoJob> {
      for await (const entry of parseUrlList(options.input, options.inputName)) {
        progress.records++;
        const label = entry.label ?? UNLABELLED;
        const folder = breedFolderName(label);
        if (!folders.has(folder)) {
          folders.add(folder);
          progress.breedsTotal = folders.size;
        }
        const key = `${folder}/${urlFileName(entry.url)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const state = dataset.state(key);
        if (state.state === "stored") {
          progress.existing++;
          continue;
        }
        if (state.state === "damaged") {
          dataset.fail({ source_url: entry.url, breed: label, animal_id: null, reason: "damaged-in-archive", detail: "the archive holds this file with other bytes than metadata.jsonl listed, and an archive cannot replace it; download into a new DEST", attempts: 0, file_name: key });
          progress.failed++;
          continue;
        }
        const holder = dataset.knownDuplicate(key);
        if (holder !== undefined) {
          dataset.fail({ source_url: entry.url, breed: label, animal_id: null, reason: `duplicate of ${holder}`, attempts: 0, file_name: key });
          progress.duplicates++;
          continue;
        }
        if (state.state === "adopt") {
          await dataset.adopt(key, { file_name: key, breed: label, animal_id: null, photo: null, source_url: entry.url });
          progress.existing++;
          continue;
        }
        progress.queued++;
        yield { url: entry.url, key, meta: { breed: label, folder, animalId: null, photo: null } };
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
