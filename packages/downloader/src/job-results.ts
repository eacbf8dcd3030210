import type { AttemptOutcome } from "./attempt-outcome.js";
import type { FailureReason } from "./reasons.js";
import type { DownloadFailed, DownloadJob, DownloadResult } from "./types.js";

/** A `failed` result; a job too broken to have a url or key gets them as text. */
export const failedResult = <M>(job: DownloadJob<M>, reason: FailureReason, message: string, attempts: number, status?: number): DownloadFailed<M> => ({
  type: "failed",
  key: String(job.key),
  url: String(job.url),
  meta: job.meta,
  reason,
  message,
  attempts,
  ...(status === undefined ? {} : { status }),
});

/** The result of an attempt that succeeded: `done`, or `skipped` as a duplicate. */
export function outcomeResult<M>(job: DownloadJob<M>, outcome: AttemptOutcome, attempts: number): DownloadResult<M> {
  const { key, url, meta } = job;
  if (outcome.kind === "duplicate") {
    return { type: "skipped", key, url, meta, reason: "duplicate", sha256: outcome.sha256, bytes: outcome.bytes, attempts };
  }
  const { bytes, sha256, format, contentType, dimensions } = outcome;
  return { type: "done", key, url, meta, bytes, sha256, format, contentType, ...dimensions, attempts };
}
