import type { FailureReason } from "./reasons.js";
import type { JobHooks } from "./download-job.js";
import type { DownloadEvent, DownloadResult, DownloadSummary } from "./types.js";

type EventListener<M> = ((event: DownloadEvent<M>) => void | Promise<void>) | undefined;

/**
 * A run's totals and its events: counts every job, attempt, retry and result, and passes
 * each event to `onEvent`. A listener that throws (or rejects) stops the run through `stop`.
 */
export class RunTally<M> implements JobHooks<M> {
  readonly #onEvent: EventListener<M>;
  readonly #stop: (error: unknown) => void;
  readonly #counts = { jobs: 0, stored: 0, skipped: 0, duplicates: 0, failed: 0, attempts: 0, retries: 0, bytes: 0 };
  readonly #failedByReason: Partial<Record<FailureReason, number>> = {};

  constructor(onEvent: EventListener<M>, stop: (error: unknown) => void) {
    this.#onEvent = onEvent;
    this.#stop = stop;
  }

  /** Counts a job taken from the input. */
  countJob(): void {
    this.#counts.jobs++;
  }

  countAttempt(): void {
    this.#counts.attempts++;
  }

  /** Passes on a progress event (started, bytes, retry) without waiting for the listener. */
  emit(event: DownloadEvent<M>): void {
    if (event.type === "retry") this.#counts.retries++;
    if (!this.#onEvent) return;
    try {
      const returned = this.#onEvent(event);
      if (returned && typeof returned.then === "function") returned.then(undefined, this.#stop);
    } catch (error) {
      this.#stop(error);
    }
  }

  /** Counts a job's result and waits for the listener, so its log line is on its way before the next job. */
  async report(result: DownloadResult<M>): Promise<void> {
    this.#count(result);
    if (!this.#onEvent) return;
    try {
      await this.#onEvent(result);
    } catch (error) {
      this.#stop(error);
    }
  }

  /** The totals so far. */
  summary(startedAt: number, aborted: boolean): DownloadSummary {
    return { ...this.#counts, failedByReason: this.#failedByReason, durationMs: Date.now() - startedAt, aborted };
  }

  /** Sends the last event, `end`; rejects with what the listener threw. */
  async end(summary: DownloadSummary): Promise<void> {
    await this.#onEvent?.({ type: "end", summary });
  }

  #count(result: DownloadResult<M>): void {
    const counts = this.#counts;
    if (result.type === "done") {
      counts.stored++;
      counts.bytes += result.bytes;
    } else if (result.type === "skipped") {
      if (result.reason === "duplicate") counts.duplicates++;
      else counts.skipped++;
    } else {
      counts.failed++;
      this.#failedByReason[result.reason] = (this.#failedByReason[result.reason] ?? 0) + 1;
    }
  }
}
