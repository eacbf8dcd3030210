import type { FailureReason } from "./reasons.js";
import { isRetryableReason } from "./reasons.js";

const MARKER = Symbol.for("@cat-harvest/downloader.error");

/** The base of every error this package throws or reports. */
export class DownloaderError extends Error {
  override name: string = "DownloaderError";
  readonly [MARKER] = true;
  /** Tells a `DownloaderError` apart even across two installed copies of this package. */
  static isInstance(error: unknown): error is DownloaderError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

export interface DownloadJobErrorInit {
  readonly url: string;
  readonly key: string;
  readonly status?: number;
  /** Milliseconds the server asked us to wait (Retry-After), before any cap. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/** One attempt at one job went wrong; `reason` is the stable code reported for the job. */
export class DownloadJobError extends DownloaderError {
  override name = "DownloadJobError" as const;
  readonly reason: FailureReason;
  readonly url: string;
  readonly key: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  /** Whether another attempt may succeed. */
  readonly isRetryable: boolean;
  constructor(reason: FailureReason, message: string, init: DownloadJobErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.reason = reason;
    this.url = init.url;
    this.key = init.key;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.isRetryable = isRetryableReason(reason);
  }
}
