import { createAbortScope } from "./abort-scope.js";
import { HostSlots } from "./host-slots.js";
import type { ImageFormat } from "./image-format.js";
import { IMAGE_MIME_TYPES } from "./image-format.js";
import type { FailureReason } from "./reasons.js";
import { checkExisting, checkJob, type ConnectionSlot, downloadJob, type JobSettings } from "./run-job.js";
import { createDefaultSha256, toHex } from "./sha256.js";
import type { DownloadEvent, Downloader, DownloaderOptions, DownloadJob, DownloadResult, DownloadSummary, RunOptions } from "./types.js";
import { DEFAULT_USER_AGENT } from "./user-agent.js";

function positiveInteger(name: string, value: unknown, fallback: number, allowInfinity = false): number {
  if (value === undefined) return fallback;
  if (allowInfinity && value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new TypeError(`Downloader option ${name} must be a positive integer${allowInfinity ? " or Infinity" : ""}, got ${String(value)}`);
  }
  return value;
}

function nonNegative(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) {
    throw new TypeError(`Downloader option ${name} must be a finite number of milliseconds >= 0, got ${String(value)}`);
  }
  return value;
}

/** Jobs downloading at once unless told otherwise: enough to keep a CDN 20 ms away busy. */
export const DEFAULT_CONCURRENCY = 64;
/** Bodies up to this size are read whole before they are stored. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;

function resolveSettings<M>(options: DownloaderOptions<M>): JobSettings & { concurrency: number; perHostConcurrency: number } {
  if (typeof options !== "object" || options === null) throw new TypeError("createDownloader needs an options object with at least { storage }");
  const { storage } = options;
  if (typeof storage !== "object" || storage === null || typeof storage.put !== "function" || typeof storage.stat !== "function") {
    throw new TypeError("Downloader option storage must be a storage adapter (createMemoryStorage(), createFsStorage(...), ...)");
  }
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== "function") throw new TypeError("Downloader option fetch must be a function; this runtime has no globalThis.fetch, so pass one");
  const formats = options.formats ?? (Object.keys(IMAGE_MIME_TYPES) as ImageFormat[]);
  for (const format of formats) {
    if (!(format in IMAGE_MIME_TYPES)) throw new TypeError(`Downloader option formats has ${JSON.stringify(format)}; use jpeg, png, gif or webp`);
  }
  if (formats.length === 0) throw new TypeError("Downloader option formats is empty; list at least one of jpeg, png, gif, webp");
  if (options.isDuplicate !== undefined && typeof options.isDuplicate !== "function") throw new TypeError("Downloader option isDuplicate must be a function");
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") throw new TypeError("Downloader option onEvent must be a function");
  const inFlight = options.inFlightOnAbort ?? "abort";
  if (inFlight !== "abort" && inFlight !== "finish") throw new TypeError(`Downloader option inFlightOnAbort must be "abort" or "finish", got ${String(inFlight)}`);
  const createSha256 = options.createSha256 ?? createDefaultSha256;
  checkSha256(createSha256);
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  if (typeof userAgent !== "string" || userAgent.trim() === "") throw new TypeError("Downloader option userAgent must be a non-empty string");
  return {
    storage,
    fetch: fetchFn,
    headers: { accept: "image/jpeg,image/png,image/gif,image/webp,image/*;q=0.8,*/*;q=0.5", ...options.headers, "user-agent": userAgent },
    concurrency: positiveInteger("concurrency", options.concurrency, DEFAULT_CONCURRENCY),
    perHostConcurrency: positiveInteger("perHostConcurrency", options.perHostConcurrency, Number.POSITIVE_INFINITY, true),
    maxAttempts: positiveInteger("maxAttempts", options.maxAttempts, 4),
    retryBaseDelayMs: nonNegative("retryBaseDelayMs", options.retryBaseDelayMs, 500),
    retryMaxDelayMs: nonNegative("retryMaxDelayMs", options.retryMaxDelayMs, 30_000),
    maxRetryAfterMs: nonNegative("maxRetryAfterMs", options.maxRetryAfterMs, 60_000),
    connectTimeoutMs: positiveInteger("connectTimeoutMs", options.connectTimeoutMs, 10_000),
    idleTimeoutMs: positiveInteger("idleTimeoutMs", options.idleTimeoutMs, 15_000),
    totalTimeoutMs: positiveInteger("totalTimeoutMs", options.totalTimeoutMs, 120_000),
    maxBytes: positiveInteger("maxBytes", options.maxBytes, 50 * 1024 * 1024),
    maxBufferedBytes: nonNegativeInteger("maxBufferedBytes", options.maxBufferedBytes, DEFAULT_MAX_BUFFERED_BYTES),
    maxRedirects: nonNegative("maxRedirects", options.maxRedirects, 5),
    formats: new Set(formats),
    checkImageEnd: options.checkImageEnd ?? true,
    createSha256,
    skipExisting: options.skipExisting ?? true,
    isDuplicate: options.isDuplicate as JobSettings["isDuplicate"],
    random: options.random ?? Math.random,
  };
}

function nonNegativeInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`Downloader option ${name} must be a whole number of bytes >= 0, got ${String(value)}`);
  }
  return value;
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// A wrong hash factory would corrupt every record silently; check it once on a known input.
function checkSha256(create: unknown): void {
  let digest: unknown;
  try {
    if (typeof create !== "function") throw new Error("not a function");
    const hash = create();
    hash.update(new Uint8Array(0));
    digest = hash.digest();
  } catch (error) {
    throw new TypeError(`Downloader option createSha256 must return an incremental SHA-256 ({update, digest}): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!(digest instanceof Uint8Array) || toHex(digest) !== EMPTY_SHA256) {
    throw new TypeError("Downloader option createSha256 did not produce SHA-256 (its digest of no bytes is not e3b0c442...b855)");
  }
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
};

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
  const onEvent = options.onEvent;
  const inFlightOnAbort = options.inFlightOnAbort ?? "abort";

  async function run(jobs: Iterable<DownloadJob<M>> | AsyncIterable<DownloadJob<M>>, runOptions: RunOptions = {}): Promise<DownloadSummary> {
    const source = jobs as Partial<AsyncIterable<DownloadJob<M>> & Iterable<DownloadJob<M>>> | null;
    const iterator: AsyncIterator<DownloadJob<M>> | Iterator<DownloadJob<M>> | undefined =
      source?.[Symbol.asyncIterator]?.() ?? source?.[Symbol.iterator]?.();
    if (!iterator) throw new TypeError("downloader.run needs an iterable or async iterable of jobs {url, key, meta?}");
    const { signal } = runOptions;
    const startedAt = Date.now();
    const inFlight = new AbortController();
    const scope = createAbortScope(inFlight.signal);
    let fatal: { error: unknown } | undefined;
    const stop = (error: unknown) => {
      fatal ??= { error };
      inFlight.abort(error);
    };
    const onAbort = () => {
      if (inFlightOnAbort === "abort") inFlight.abort(signal?.reason);
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });

    const counts = { jobs: 0, stored: 0, skipped: 0, duplicates: 0, failed: 0, attempts: 0, retries: 0, bytes: 0 };
    const failedByReason: Partial<Record<FailureReason, number>> = {};
    const emit = (event: DownloadEvent<M>) => {
      if (event.type === "retry") counts.retries++;
      if (!onEvent) return;
      try {
        const returned = onEvent(event);
        if (returned && typeof returned.then === "function") returned.then(undefined, stop);
      } catch (error) {
        stop(error);
      }
    };
    const report = async (result: DownloadResult<M>) => {
      if (result.type === "done") {
        counts.stored++;
        counts.bytes += result.bytes;
      } else if (result.type === "skipped") {
        if (result.reason === "duplicate") counts.duplicates++;
        else counts.skipped++;
      } else {
        counts.failed++;
        failedByReason[result.reason] = (failedByReason[result.reason] ?? 0) + 1;
      }
      if (!onEvent) return;
      try {
        await onEvent(result);
      } catch (error) {
        stop(error);
      }
    };
    const stopped = () => fatal !== undefined || signal?.aborted === true;
    const hooks = { emit, countAttempt: () => void counts.attempts++ };
    const abortedResult = (job: DownloadJob<M>): DownloadResult<M> => {
      const message = fatal
        ? `${job.url} was stopped because the run failed: ${fatal.error instanceof Error ? fatal.error.message : String(fatal.error)}`
        : `${job.url} was aborted by the run's signal before it was stored`;
      return { type: "failed", key: job.key, url: job.url, meta: job.meta, reason: "aborted", message, attempts: 0 };
    };
    // `concurrency` requests at once. A job whose body is in gives its slot back while its
    // put commits, so there are twice as many workers as slots. Reading ahead is bounded:
    // only jobs parked waiting for a slot are held.
    const slots = new HostSlots<DownloadJob<M>>(settings.perHostConcurrency, settings.concurrency, Math.max(64, settings.concurrency * 4));
    const workers = settings.concurrency * 2;
    const wake = () => slots.notify();
    signal?.addEventListener("abort", wake, { once: true });
    inFlight.signal.addEventListener("abort", wake, { once: true });

    const download = async (job: DownloadJob<M>, slot: ConnectionSlot): Promise<DownloadResult<M>> => {
      if (inFlight.signal.aborted) return abortedResult(job);
      try {
        return await downloadJob(job, settings, scope, hooks, slot);
      } catch (error) {
        if (!inFlight.signal.aborted || error !== inFlight.signal.reason) throw error;
        return abortedResult(job);
      }
    };
    const runHolding = async (host: string, job: DownloadJob<M>) => {
      let held = true;
      const slot: ConnectionSlot = {
        release() {
          if (!held) return;
          held = false;
          slots.release(host);
        },
        async acquire() {
          while (!held) {
            inFlight.signal.throwIfAborted();
            if (slots.tryAcquire(host)) held = true;
            else await slots.changed();
          }
        },
      };
      let result: DownloadResult<M>;
      try {
        result = await download(job, slot);
      } catch (error) {
        stop(error);
        return;
      } finally {
        slot.release();
      }
      await report(result);
    };

    // Jobs are pulled one at a time as workers free up, so a huge input is never held.
    let pulling: Promise<unknown> = Promise.resolve();
    let exhausted = false;
    const next = () => {
      const step = pulling.then(() => (exhausted ? { done: true as const, value: undefined } : iterator.next()));
      pulling = step.catch(() => {});
      return step;
    };
    const worker = async () => {
      while (!stopped()) {
        const ready = slots.takeReady();
        if (ready) {
          await runHolding(ready.host, ready.item);
          continue;
        }
        // A job is pulled only with a slot reserved for it, so no more are taken than can start.
        if (exhausted || !slots.canPark || !slots.reserve()) {
          if (exhausted && slots.parkedCount === 0) return;
          await slots.changed();
          continue;
        }
        let item: IteratorResult<DownloadJob<M>>;
        try {
          item = await next();
        } catch (error) {
          slots.unreserve();
          // The jobs already taken still end normally; the run then rejects with this error.
          exhausted = true;
          fatal ??= { error };
          return;
        }
        if (item.done || stopped()) {
          slots.unreserve();
          if (item.done) exhausted = true;
          continue;
        }
        const job = item.value;
        counts.jobs++;
        // Refusals and resume skips need no slot.
        let early: DownloadResult<M> | null;
        try {
          early = checkJob(job) ?? (await checkExisting(job, settings));
        } catch (error) {
          slots.unreserve();
          stop(error);
          return;
        }
        if (early) {
          slots.unreserve();
          await report(early);
          continue;
        }
        const host = hostOf(job.url);
        if (slots.bindReserved(host)) await runHolding(host, job);
        else {
          // Its host is full: set it aside and let this worker try another job.
          slots.unreserve();
          slots.park(host, job);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: workers }, worker));
      // Jobs parked behind a busy host when the run stopped never started.
      for (const job of slots.drain()) await report(abortedResult(job));
    } finally {
      signal?.removeEventListener("abort", onAbort);
      signal?.removeEventListener("abort", wake);
      if (!exhausted) await Promise.resolve(iterator.return?.()).catch(() => {});
    }
    const summary: DownloadSummary = {
      ...counts,
      failedByReason,
      durationMs: Date.now() - startedAt,
      aborted: signal?.aborted === true,
    };
    if (onEvent) {
      try {
        await onEvent({ type: "end", summary });
      } catch (error) {
        fatal ??= { error };
      }
    }
    if (fatal) throw fatal.error;
    if (signal?.aborted) throw signal.reason;
    return summary;
  }

  return { run };
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
