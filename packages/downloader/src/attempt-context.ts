import { publicUrl, splitUrlCredentials } from "@cat-harvest/http";
import type { StorageAdapter } from "@cat-harvest/storage";
import type { AbortScope } from "./abort-scope.js";
import { describeNetworkError } from "./describe-network-error.js";
import { DownloaderError, DownloadJobError, DuplicateHookError } from "./errors.js";
import type { ImageFormat } from "./image-format.js";
import type { FailureReason } from "./reasons.js";
import type { DownloadJob, IncrementalHash } from "./types.js";

/** Settings one attempt needs, already checked and defaulted. */
export interface AttemptSettings {
  readonly storage: StorageAdapter;
  readonly fetch: typeof globalThis.fetch;
  readonly headers: Readonly<Record<string, string>>;
  readonly connectTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly maxBytes: number;
  readonly maxBufferedBytes: number;
  readonly maxRedirects: number;
  readonly formats: ReadonlySet<ImageFormat>;
  readonly checkImageEnd: boolean;
  readonly createSha256: () => IncrementalHash;
  readonly isDuplicate: ((sha256: string, job: DownloadJob<any>) => boolean | Promise<boolean>) | undefined;
}

/** Told of each chunk: its length, the bytes received so far and the Content-Length, if any. */
export type ProgressListener = (bytes: number, received: number, total: number | undefined) => void;

/** Extra data for a `DownloadJobError` made by `AttemptContext.error`. */
export interface FailureDetails {
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

// The reason an ended attempt's controller is aborted with (to release its connection);
// one shared instance, so no stack trace is taken per download.
const ATTEMPT_FINISHED = new DownloaderError("attempt finished");

/**
 * What one attempt at one job knows as it goes, shared by its steps: its abort controller
 * (fed by the run's scope and the connect and total timers), its first failure, where the
 * redirects led, and how many body bytes were announced and have arrived. One object per
 * attempt, in place of a closure per step.
 */
export class AttemptContext {
  readonly job: DownloadJob<any>;
  readonly settings: AttemptSettings;
  readonly scope: AbortScope;
  readonly controller = new AbortController();
  /** The first failure; every later one is reported as this. */
  failure: DownloadJobError | undefined = undefined;
  /** The URL of the latest request, after redirects, without user name and password. */
  url: string;
  /** The `Authorization` header the URL's user name and password make, sent to their origin only. */
  authorization: string | undefined;
  /** The final response's status. */
  status = 0;
  /** Content-Length of the body, when announced and not compressed. */
  expected: number | undefined = undefined;
  /** Body bytes received so far. */
  received = 0;
  /** The body's reader, once the body is streamed; cancelled when the attempt ends. */
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined = undefined;
  /** The body's SHA-256, once the whole body has been checked. */
  sha256: string | undefined = undefined;
  /** Set when the duplicate hook dropped the body. */
  duplicate = false;
  /** Set when the duplicate hook threw: the run fails with it, whatever else went wrong. */
  hookError: DuplicateHookError | undefined = undefined;
  /** Set once the body is handed to `storage.put`: a failure from then on may be the store's. */
  committing = false;
  /** Set once a body read whole has arrived: the request is over, and ending it aborts nothing. */
  bodyRead = false;
  /** Reports body bytes as they arrive. */
  readonly onBytes: ProgressListener;
  /** Called once the body is in and checked: the connection is no longer needed. */
  readonly onReceived: () => void;
  readonly #unsubscribe: () => void;
  readonly #totalTimer: ReturnType<typeof setTimeout>;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(job: DownloadJob<any>, settings: AttemptSettings, scope: AbortScope, onBytes: ProgressListener, onReceived: () => void) {
    this.job = job;
    this.settings = settings;
    this.scope = scope;
    this.onBytes = onBytes;
    this.onReceived = onReceived;
    ({ url: this.url, authorization: this.authorization } = splitUrlCredentials(job.url));
    this.#unsubscribe = scope.onAbort(() => this.controller.abort(scope.signal.reason));
    this.#totalTimer = setTimeout(
      () => this.fail(this.error("timeout-total", `GET ${publicUrl(job.url)} took longer than ${settings.totalTimeoutMs} ms in all (totalTimeoutMs)`)),
      settings.totalTimeoutMs,
    );
    this.#connectTimer = setTimeout(
      () =>
        this.fail(
          this.error("timeout-connect", `GET ${publicUrl(job.url)} sent no response headers within ${settings.connectTimeoutMs} ms (connectTimeoutMs)`),
        ),
      settings.connectTimeoutMs,
    );
  }

  /** The latest request's URL as messages show it: no credentials (`publicUrl`). */
  get shownUrl(): string {
    return publicUrl(this.url);
  }

  /** Goes on to a redirect's target; the credentials go along only to their own origin. */
  redirectTo(next: URL): void {
    const previous = new URL(this.url).origin;
    const split = splitUrlCredentials(next.href);
    this.url = split.url;
    if (split.authorization !== undefined || next.origin !== previous) this.authorization = split.authorization;
  }

  /** A failure of this attempt; the job's URL (without credentials) and key are filled in. */
  error(reason: FailureReason, message: string, details?: FailureDetails): DownloadJobError {
    return new DownloadJobError(reason, message, { url: publicUrl(this.job.url), key: this.job.key, ...details });
  }

  /** Records `failure` unless one came first, aborts the attempt, and returns the first. */
  fail(failure: DownloadJobError): DownloadJobError {
    this.failure ??= failure;
    this.controller.abort(this.failure);
    return this.failure;
  }

  /** The final response headers are in: the connect timeout no longer applies. */
  connected(): void {
    clearTimeout(this.#connectTimer);
    this.#connectTimer = undefined;
    if (this.failure) throw this.failure;
  }

  /** Turns whatever a fetch or a read threw into this attempt's failure (or the run's abort reason). */
  classify(thrown: unknown): unknown {
    if (this.failure) return this.failure;
    if (DownloadJobError.isInstance(thrown) || DuplicateHookError.isInstance(thrown)) return thrown;
    if (this.scope.signal.aborted) return this.scope.signal.reason;
    const { expected, received } = this;
    const url = publicUrl(this.job.url);
    if (expected !== undefined && received < expected) {
      return this.fail(
        this.error("truncated", `GET ${url} body ended after ${received} of ${expected} bytes (${describeNetworkError(thrown)})`, { cause: thrown }),
      );
    }
    return this.fail(this.error("network", `GET ${url} failed: ${describeNetworkError(thrown)}`, { cause: thrown }));
  }

  /** What a failure while storing is: the attempt's own failure when it had one, else the store's. */
  storageFailure(thrown: unknown): unknown {
    if (this.hookError !== undefined) return this.hookError;
    if (this.failure) return this.failure;
    if (DownloadJobError.isInstance(thrown)) return thrown;
    if (this.scope.signal.aborted) return this.scope.signal.reason;
    const { key } = this.job;
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return this.error("storage", `Storing ${JSON.stringify(key)} in ${this.settings.storage.name} storage failed: ${message}`, {
      status: this.status,
      cause: thrown,
    });
  }

  /**
   * Stops the timers and releases the connection, whatever happened. A body read whole is
   * not aborted: its request is over, and an abort would only dispatch an event per photo.
   */
  end(): void {
    clearTimeout(this.#totalTimer);
    clearTimeout(this.#connectTimer);
    this.#unsubscribe();
    if (!this.bodyRead && !this.controller.signal.aborted) this.controller.abort(ATTEMPT_FINISHED);
    this.reader?.cancel().catch(() => {});
  }
}
