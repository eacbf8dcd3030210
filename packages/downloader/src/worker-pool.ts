import { type ConnectionSlot, heldSlot } from "./connection-slot.js";
import { HostSlots } from "./host-slots.js";
import type { JobQueue } from "./job-queue.js";
import type { RunSettings } from "./resolve-settings.js";
import type { RunControl } from "./run-control.js";
import { checkExisting, checkJob } from "./check-job.js";
import { downloadJob } from "./download-job.js";
import type { RunTally } from "./run-tally.js";
import type { DownloadJob, DownloadResult } from "./types.js";

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
};

/**
 * The workers of one run. `concurrency` requests at once (at most `perHostConcurrency` per
 * host). A job whose body is in gives its slot back while its put commits, so there are
 * twice as many workers as slots. Reading ahead is bounded: a job is pulled only with a slot
 * reserved for it, and only jobs parked behind a busy host are held.
 */
export class WorkerPool<M> {
  readonly #settings: RunSettings;
  readonly #queue: JobQueue<M>;
  readonly #control: RunControl;
  readonly #tally: RunTally<M>;
  readonly #slots: HostSlots<DownloadJob<M>>;

  constructor(settings: RunSettings, queue: JobQueue<M>, control: RunControl, tally: RunTally<M>) {
    this.#settings = settings;
    this.#queue = queue;
    this.#control = control;
    this.#tally = tally;
    const { concurrency, perHostConcurrency } = settings;
    this.#slots = new HostSlots<DownloadJob<M>>(perHostConcurrency, concurrency, Math.max(64, concurrency * 4));
    control.onStop(() => this.#slots.notify());
  }

  /** Runs every job to its result; jobs still parked when the run stopped are reported `aborted`. */
  async run(): Promise<void> {
    await Promise.all(Array.from({ length: this.#settings.concurrency * 2 }, () => this.#worker()));
    for (const job of this.#slots.drain()) await this.#tally.report(this.#control.abortedResult(job));
  }

  // The awaits stay in this one loop (no async helper per job), so a job costs no extra promise.
  async #worker(): Promise<void> {
    const slots = this.#slots;
    const control = this.#control;
    while (!control.stopped) {
      const ready = slots.takeReady();
      if (ready) {
        await this.#runHolding(ready.host, ready.item);
        continue;
      }
      if (!this.#reserveForPull()) {
        if (this.#queue.exhausted && slots.parkedCount === 0) return;
        await slots.changed();
        continue;
      }
      let job: DownloadJob<M> | null;
      try {
        job = this.#accept(await this.#queue.next());
      } catch (error) {
        // The jobs already taken still end normally; the run then rejects with this error.
        slots.unreserve();
        this.#queue.markExhausted();
        control.fail(error);
        return;
      }
      if (job === null) continue;
      // Refusals and resume skips need no slot.
      let early: DownloadResult<M> | null;
      try {
        early = checkJob(job) ?? (await checkExisting(job, this.#settings));
      } catch (error) {
        slots.unreserve();
        control.stop(error);
        return;
      }
      if (early) {
        slots.unreserve();
        await this.#tally.report(early);
        continue;
      }
      const host = hostOf(job.url);
      if (slots.bindReserved(host)) await this.#runHolding(host, job);
      else this.#park(host, job);
    }
  }

  /** Reserves a slot for the next job; a job is pulled only with one, so no more are taken than can start. */
  #reserveForPull(): boolean {
    return !this.#queue.exhausted && this.#slots.canPark && this.#slots.reserve();
  }

  /** The job a pull brought, counted; `null` (its reserved slot given back) when the input ended or the run stopped. */
  #accept(item: IteratorResult<DownloadJob<M>, unknown>): DownloadJob<M> | null {
    if (item.done || this.#control.stopped) {
      this.#slots.unreserve();
      if (item.done) this.#queue.markExhausted();
      return null;
    }
    this.#tally.countJob();
    return item.value;
  }

  /** Sets a job aside while its host is full, so the worker can go on with jobs for other hosts. */
  #park(host: string, job: DownloadJob<M>): void {
    this.#slots.unreserve();
    this.#slots.park(host, job);
  }

  /** Downloads `job` holding a slot on `host`, gives the slot back, and reports the result. */
  async #runHolding(host: string, job: DownloadJob<M>): Promise<void> {
    const slot = heldSlot(this.#slots, host, this.#control.scope.signal);
    let result: DownloadResult<M>;
    try {
      result = await this.#download(job, slot);
    } catch (error) {
      this.#control.stop(error);
      return;
    } finally {
      slot.release();
    }
    await this.#tally.report(result);
  }

  /** One job's result; a job the run's stop ended is `aborted`, and only a caller bug rejects. */
  async #download(job: DownloadJob<M>, slot: ConnectionSlot): Promise<DownloadResult<M>> {
    const control = this.#control;
    if (control.inFlightAborted) return control.abortedResult(job);
    try {
      return await downloadJob(job, this.#settings, control.scope, this.#tally, slot);
    } catch (error) {
      if (!control.isInFlightAbort(error)) throw error;
      return control.abortedResult(job);
    }
  }
}
