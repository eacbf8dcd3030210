import { StorageError, validateKey } from "@cat-harvest/storage";
import { backoffDelay } from "@cat-harvest/http";
import { type AbortScope, sleepInScope } from "./abort-scope.js";
import { type AttemptSettings, attemptDownload } from "./attempt.js";
import { ALWAYS_HELD, type ConnectionSlot } from "./connection-slot.js";
import { DownloadJobError } from "./errors.js";
import type { FailureReason } from "./reasons.js";
import type { DownloadEvent, DownloadFailed, DownloadJob, DownloadResult } from "./types.js";

export interface JobSettings extends AttemptSettings {
  readonly maxAttempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly skipExisting: boolean;
  readonly random: () => number;
}

export interface JobHooks<M> {
  /** Emits a non-result event (started, retry, bytes). */
  readonly emit: (event: DownloadEvent<M>) => void;
  /** Counts an HTTP attempt. */
  readonly countAttempt: () => void;
}

const failed = <M>(job: DownloadJob<M>, reason: FailureReason, message: string, attempts: number, status?: number): DownloadFailed<M> => ({
  type: "failed",
  key: String(job.key),
  url: String(job.url),
  meta: job.meta,
  reason,
  message,
  attempts,
  ...(status === undefined ? {} : { status }),
});

/**
 * Checks a job before any network use: an http(s) URL and a safe key. Returns the failure,
 * or `null` when the job may go ahead.
 */
export function checkJob<M>(job: DownloadJob<M>): DownloadFailed<M> | null {
  if (typeof job !== "object" || job === null) {
    return failed({ url: String(job), key: "" }, "invalid-url", `Expected a job object {url, key, meta?}, got ${typeof job}`, 0) as DownloadFailed<M>;
  }
  if (typeof job.url !== "string") return failed(job, "invalid-url", `Job ${JSON.stringify(job.key)} has no url string; give each job an absolute http(s) URL`, 0);
  let parsed: URL;
  try {
    parsed = new URL(job.url);
  } catch {
    return failed(job, "invalid-url", `${JSON.stringify(job.url)} is not an absolute URL; give each job an absolute http(s) URL`, 0);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return failed(job, "unsupported-protocol", `${job.url} uses ${parsed.protocol}; only http: and https: URLs are downloaded`, 0);
  }
  try {
    validateKey(job.key);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failed(job, "invalid-key", `Job for ${job.url} has a refused key: ${message}`, 0);
  }
  return null;
}

/** Skips a job whose key is stored already; `null` when it must be downloaded. */
export async function checkExisting<M>(job: DownloadJob<M>, settings: JobSettings): Promise<DownloadResult<M> | null> {
  if (!settings.skipExisting) return null;
  let info;
  try {
    info = await settings.storage.stat(job.key);
  } catch (error) {
    if (!StorageError.isInstance(error)) throw error;
    return failed(job, "storage", `Checking ${JSON.stringify(job.key)} in ${settings.storage.name} storage failed: ${error.message}`, 0);
  }
  if (info === null) return null;
  return { type: "skipped", key: job.key, url: job.url, meta: job.meta, reason: "exists", bytes: info.size, attempts: 0 };
}

/**
 * Downloads one checked job, retrying transient failures with backoff (full jitter,
 * Retry-After honoured up to its cap). An abort of `scope` ends it as `aborted`; it rejects
 * only on a caller bug (a throwing hook); every other ending is a result.
 */
export async function downloadJob<M>(
  job: DownloadJob<M>,
  settings: JobSettings,
  scope: AbortScope,
  hooks: JobHooks<M>,
  slot: ConnectionSlot = ALWAYS_HELD,
): Promise<DownloadResult<M>> {
  hooks.emit({ type: "started", key: job.key, url: job.url, meta: job.meta });
  const onBytes = (bytes: number, received: number, total: number | undefined) =>
    hooks.emit({ type: "bytes", key: job.key, url: job.url, bytes, received, ...(total === undefined ? {} : { total }) });
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt > 1) await slot.acquire();
      hooks.countAttempt();
      const outcome = await attemptDownload(job, settings, scope, onBytes, () => slot.release());
      if (outcome.kind === "duplicate") {
        return { type: "skipped", key: job.key, url: job.url, meta: job.meta, reason: "duplicate", sha256: outcome.sha256, bytes: outcome.bytes, attempts: attempt };
      }
      return {
        type: "done",
        key: job.key,
        url: job.url,
        meta: job.meta,
        bytes: outcome.bytes,
        sha256: outcome.sha256,
        format: outcome.format,
        contentType: outcome.contentType,
        ...(outcome.dimensions ?? {}),
        attempts: attempt,
      };
    } catch (error) {
      if (scope.signal.aborted && error === scope.signal.reason) {
        const why = error instanceof Error ? error.message : String(error);
        return failed(job, "aborted", `${job.url} was stopped before it was stored (${why}); nothing was left under its key`, attempt);
      }
      if (!DownloadJobError.isInstance(error)) throw error;
      if (!error.isRetryable || attempt >= settings.maxAttempts) {
        const suffix = error.isRetryable ? ` (gave up after ${attempt} attempts; maxAttempts)` : "";
        return failed(job, error.reason, error.message + suffix, attempt, error.status);
      }
      const delayMs =
        error.retryAfterMs !== undefined
          ? Math.min(error.retryAfterMs, settings.maxRetryAfterMs)
          : backoffDelay(attempt, settings.retryBaseDelayMs, settings.retryMaxDelayMs, settings.random);
      hooks.emit({
        type: "retry",
        key: job.key,
        url: job.url,
        meta: job.meta,
        attempt,
        delayMs,
        reason: error.reason,
        message: error.message,
        ...(error.status === undefined ? {} : { status: error.status }),
      });
      await sleepInScope(delayMs, scope);
    }
  }
}
