import { publicUrl } from "@cat-harvest/http";
import { type AbortScope, createAbortScope } from "./abort-scope.js";
import type { DownloadFailed, DownloadJob } from "./types.js";

/**
 * How a run stops. The caller's `signal` stops new jobs (and, with `inFlightOnAbort:
 * "abort"`, aborts the jobs in flight); a fatal error (a throwing `onEvent` or hook) does
 * both; an input that throws only stops new jobs. Jobs in flight listen on `scope`.
 */
export class RunControl {
  readonly #signal: AbortSignal | undefined;
  readonly #inFlight = new AbortController();
  readonly scope: AbortScope = createAbortScope(this.#inFlight.signal);
  #fatal: { error: unknown } | undefined = undefined;
  readonly #onAbort: () => void;
  readonly #stopListeners: (() => void)[] = [];

  constructor(signal: AbortSignal | undefined, inFlightOnAbort: "abort" | "finish") {
    this.#signal = signal;
    this.#onAbort = () => {
      if (inFlightOnAbort === "abort") this.#inFlight.abort(signal?.reason);
    };
    if (signal?.aborted) this.#onAbort();
    signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Whether the caller's signal has aborted the run. */
  get aborted(): boolean {
    return this.#signal?.aborted === true;
  }

  /** Whether the jobs in flight have been told to stop. */
  get inFlightAborted(): boolean {
    return this.#inFlight.signal.aborted;
  }

  /** Whether no new job may start. */
  get stopped(): boolean {
    return this.#fatal !== undefined || this.aborted;
  }

  /** Calls `listener` once when the run stops taking jobs, by its signal or a fatal error. */
  onStop(listener: () => void): void {
    this.#stopListeners.push(listener);
    this.#signal?.addEventListener("abort", listener, { once: true });
    this.#inFlight.signal.addEventListener("abort", listener, { once: true });
  }

  /** A fatal error: no new job starts, jobs in flight are aborted, and the run rejects with it (the first one). */
  stop = (error: unknown): void => {
    this.#fatal ??= { error };
    this.#inFlight.abort(error);
  };

  /** The run will reject with `error` (unless one came first), once the jobs already taken have ended. */
  fail(error: unknown): void {
    this.#fatal ??= { error };
  }

  /** Whether `error` is the abort of the jobs in flight, not a failure of the job itself. */
  isInFlightAbort(error: unknown): boolean {
    return this.inFlightAborted && error === this.#inFlight.signal.reason;
  }

  /** The result of a job the run's stop kept from being stored. */
  abortedResult<M>(job: DownloadJob<M>): DownloadFailed<M> {
    const fatal = this.#fatal;
    const message = fatal
      ? `${publicUrl(job.url)} was stopped because the run failed: ${fatal.error instanceof Error ? fatal.error.message : String(fatal.error)}`
      : `${publicUrl(job.url)} was aborted by the run's signal before it was stored`;
    return { type: "failed", key: job.key, url: job.url, meta: job.meta, reason: "aborted", message, attempts: 0 };
  }

  /** Removes the run's listeners from the caller's signal. */
  close(): void {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    for (const listener of this.#stopListeners) this.#signal?.removeEventListener("abort", listener);
  }

  /** Rejects as the run must end: with the first fatal error, else the signal's reason; returns when neither. */
  settle(): void {
    if (this.#fatal) throw this.#fatal.error;
    if (this.#signal?.aborted) throw this.#signal.reason;
  }
}
