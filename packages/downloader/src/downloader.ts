import { JobQueue } from "./job-queue.js";
import { type RunSettings, resolveSettings } from "./resolve-settings.js";
import { RunControl } from "./run-control.js";
import { RunTally } from "./run-tally.js";
import type { Downloader, DownloaderOptions, DownloadJob, DownloadSummary, RunOptions } from "./types.js";
import { WorkerPool } from "./worker-pool.js";

export { DEFAULT_CONCURRENCY, DEFAULT_MAX_BUFFERED_BYTES } from "./resolve-settings.js";

/**
 * Creates a downloader: bounded concurrency (optionally per host), jobs pulled lazily from
 * the input, each body streamed into `storage` while it is hashed and checked, transient
 * failures retried, refusals recorded with a reason, and events for every step.
 *
 * @example
 * ```ts
 * const downloader = createDownloader({ storage: createMemoryStorage(), concurrency: 8,
 *   onEvent: (e) => { if (e.type === "failed") console.error(e.key, e.reason) } });
 * const summary = await downloader.run([{ url: "http://127.0.0.1:8080/cat.jpg", key: "Bengal/1-1.jpg" }]);
 * ```
 */
export function createDownloader<M = unknown>(options: DownloaderOptions<M>): Downloader<M> {
  const settings = resolveSettings(options);
  const { onEvent } = options;
  return { run: (jobs, runOptions = {}) => runJobs(jobs, settings, onEvent, runOptions) };
}

/**
 * One run: every job to its result, then the `end` event with the summary. Rejects with the
 * first fatal error (a throwing `onEvent`, hook or input), else the signal's reason.
 */
async function runJobs<M>(
  jobs: Iterable<DownloadJob<M>> | AsyncIterable<DownloadJob<M>>,
  settings: RunSettings,
  onEvent: DownloaderOptions<M>["onEvent"],
  { signal }: RunOptions,
): Promise<DownloadSummary> {
  const queue = new JobQueue(jobs);
  const startedAt = Date.now();
  const control = new RunControl(signal, settings.inFlightOnAbort);
  const tally = new RunTally<M>(onEvent, control.stop);
  try {
    await new WorkerPool(settings, queue, control, tally).run();
  } finally {
    control.close();
    await queue.close();
  }
  const summary = tally.summary(startedAt, control.aborted);
  await tally.end(summary).catch((error: unknown) => control.fail(error));
  control.settle();
  return summary;
}

/**
 * Downloads `jobs` into `options.storage` in one call: `createDownloader(options).run(jobs, { signal })`.
 *
 * @example
 * ```ts
 * const summary = await download(jobs, { storage, concurrency: 8 });
 * console.log(`${summary.stored} stored, ${summary.failed} failed`);
 * ```
 */
export function download<M = unknown>(
  jobs: Iterable<DownloadJob<M>> | AsyncIterable<DownloadJob<M>>,
  options: DownloaderOptions<M> & RunOptions,
): Promise<DownloadSummary> {
  return createDownloader(options).run(jobs, { signal: options.signal });
}
