import { CatHarvestError } from "@cat-harvest/errors";
import type { FailureReason } from "./reasons.js";
import { isRetryableReason } from "./reasons.js";

/** The base of every error this package throws or reports. */
export class DownloaderError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/downloader.DownloaderError");
  override name: string = "DownloaderError";
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
  static override readonly marker: symbol = Symbol.for("@cat-harvest/downloader.DownloadJobError");
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

/** The `isDuplicate` hook itself threw: a caller bug, fatal to the run, which rejects with this. */
export class DuplicateHookError extends DownloaderError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/downloader.DuplicateHookError");
  override name = "DuplicateHookError" as const;
  constructor(key: string, cause: unknown) {
    super(`The isDuplicate hook threw for ${JSON.stringify(key)}; fix the hook (it must return true or false)`, { cause });
  }
}
