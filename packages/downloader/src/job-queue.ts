import type { DownloadJob } from "./types.js";

type JobIterator<M> = AsyncIterator<DownloadJob<M>> | Iterator<DownloadJob<M>>;

/**
 * A run's input, pulled one job at a time as workers free up, so a huge input is never held.
 * Pulls are serialised (an async generator is never asked twice at once). The worker that
 * sees the input end, or throw, marks the queue `exhausted`.
 */
export class JobQueue<M> {
  readonly #iterator: JobIterator<M>;
  #pulling: Promise<unknown> = Promise.resolve();
  #exhausted = false;

  /** Throws a `TypeError` when `jobs` is neither iterable nor async iterable. */
  constructor(jobs: Iterable<DownloadJob<M>> | AsyncIterable<DownloadJob<M>>) {
    const source = jobs as Partial<AsyncIterable<DownloadJob<M>> & Iterable<DownloadJob<M>>> | null;
    const iterator = source?.[Symbol.asyncIterator]?.() ?? source?.[Symbol.iterator]?.();
    if (!iterator) throw new TypeError("downloader.run needs an iterable or async iterable of jobs {url, key, meta?}");
    this.#iterator = iterator;
  }

  get exhausted(): boolean {
    return this.#exhausted;
  }

  /** The next job, or `done` once the input has ended; rejects with what the input threw. */
  next(): Promise<IteratorResult<DownloadJob<M>, unknown>> {
    const step = this.#pulling.then(this.#pull);
    this.#pulling = step.catch(() => {});
    return step;
  }

  /** Asks for no more jobs: the input ended or threw. */
  markExhausted(): void {
    this.#exhausted = true;
  }

  /** Lets the input clean up (an async generator's `finally`) when the run stopped before its end. */
  async close(): Promise<void> {
    if (!this.#exhausted) await Promise.resolve(this.#iterator.return?.()).catch(() => {});
  }

  readonly #pull = () => (this.#exhausted ? DONE : this.#iterator.next());
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
