import { backoffDelay, publicUrl } from "@cat-harvest/http";
import { type AbortScope, sleepInScope } from "./abort-scope.js";
import { type AttemptSettings, attemptDownload } from "./attempt.js";
import { ALWAYS_HELD, type ConnectionSlot } from "./connection-slot.js";
import { DownloadJobError } from "./errors.js";
import { failedResult, outcomeResult } from "./job-results.js";
import type { DownloadEvent, DownloadJob, DownloadResult } from "./types.js";

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
  emit(event: DownloadEvent<M>): void;
  /** Counts an HTTP attempt. */
  countAttempt(): void;
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
      return outcomeResult(job, await attemptDownload(job, settings, scope, onBytes, () => slot.release()), attempt);
    } catch (error) {
      if (scope.signal.aborted && error === scope.signal.reason) {
        const why = error instanceof Error ? error.message : String(error);
        return failedResult(job, "aborted", `${publicUrl(job.url)} was stopped before it was stored (${why}); nothing was left under its key`, attempt);
      }
      if (!DownloadJobError.isInstance(error)) throw error;
      if (!error.isRetryable || attempt >= settings.maxAttempts) {
        const suffix = error.isRetryable ? ` (gave up after ${attempt} attempts; maxAttempts)` : "";
        return failedResult(job, error.reason, error.message + suffix, attempt, error.status);
      }
      const delayMs = retryDelay(error, attempt, settings);
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

/**
 * The wait before the next attempt: the server's Retry-After, capped at `maxRetryAfterMs`,
 * else full-jitter backoff. The attempt that failed is the retry's number (1 for the first
 * retry), as `backoffDelay` counts.
 */
function retryDelay(error: DownloadJobError, attempt: number, settings: JobSettings): number {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, settings.maxRetryAfterMs);
  return backoffDelay(attempt, settings.retryBaseDelayMs, settings.retryMaxDelayMs, settings.random);
}
