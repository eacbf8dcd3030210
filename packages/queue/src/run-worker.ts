import { Worker, type Job } from "bullmq";
import { workerConnection } from "./bullmq-connection.js";
import type { RedisConnection } from "./redis-connection.js";
import { DEFAULT_QUEUE_NAME, readShardJobData, type ShardJobData } from "./shard-job-data.js";
import { stopOrCancel } from "./stop-or-cancel.js";

/** A job as the processor sees it. */
export interface QueueJob<D> {
  readonly id: string;
  readonly data: D;
  /** 1 on the first try, 2 on the second... */
  readonly attempt: number;
}

/** A shard job as the processor sees it. */
export type ShardJob = QueueJob<ShardJobData>;

/** Does one job's work and resolves to its result (stored in Redis as the job's result: no credentials). */
export type JobProcessor<S, D> = (job: QueueJob<D>, signal: AbortSignal) => Promise<S>;

/** Does one shard's work and resolves to its stats. */
export type ShardProcessor<S> = JobProcessor<S, ShardJobData>;

/** What a worker tells its caller. Never holds credentials. */
export type WorkerEvent =
  | { readonly type: "started"; readonly jobId: string; readonly index: number; readonly label?: string; readonly attempt: number }
  | { readonly type: "completed"; readonly jobId: string; readonly index: number; readonly label?: string }
  | { readonly type: "failed"; readonly jobId: string; readonly index: number; readonly label?: string; readonly reason: string; readonly willRetry: boolean }
  | { readonly type: "requeued"; readonly jobId: string; readonly index: number; readonly label?: string }
  /**
   * Something went wrong around the jobs, not in one: Redis away (the worker reconnects by
   * itself), or a shard's claim lost to another worker after this one stopped answering for
   * longer than `lockDurationMs` (that shard may then run twice; its outputs are the same).
   */
  | { readonly type: "error"; readonly message: string };

/** A ceiling on shard starts shared by every worker of the queue (BullMQ's limiter, kept in Redis). */
export interface SharedRateLimit {
  /** Jobs started at most per `durationMs`, over all workers together. */
  readonly max: number;
  readonly durationMs: number;
}

/** What `runWorker` takes. */
export interface RunWorkerOptions<S, D extends { readonly index: number } = ShardJobData> {
  readonly connection: RedisConnection;
  /** @default "cat-harvest" */
  readonly queueName?: string;
  readonly process: JobProcessor<S, D>;
  /** Reads and checks a job's data (throws for data it does not know). @default readShardJobData */
  readonly readData?: (jobId: string, data: unknown) => D;
  /** A job's name in events ("rescuegroups: Bengal"); shards have none. */
  readonly describe?: (data: D) => string;
  /** Shards this worker runs at once. @default 1 */
  readonly concurrency?: number;
  readonly limiter?: SharedRateLimit;
  /**
   * How long a shard stays claimed without a heartbeat: after a worker dies (kill -9, a lost
   * machine) its shard goes back to the queue within about this long. @default 30000
   */
  readonly lockDurationMs?: number;
  /** How often this worker looks for shards whose worker died. @default 30000 */
  readonly stalledIntervalMs?: number;
  /** How often a shard may lose its worker before it is parked as failed. @default 3 */
  readonly maxStalledCount?: number;
  /** Aborting stops the worker gracefully: running shards are stopped and put back in the queue (not counted as a try), then it disconnects. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: WorkerEvent) => void;
}

/** What a worker did before it stopped. */
export interface WorkerSummary {
  readonly completed: number;
  readonly failed: number;
  readonly requeued: number;
}

/**
 * Runs shard jobs from the queue until `signal` aborts. A shard whose worker died is retried by
 * another (BullMQ's stalled-job check); a failing shard is retried with backoff and then parked
 * as failed with its reason; a Redis restart is waited out (the worker reconnects). The
 * processor gets a signal that aborts when the worker stops or loses the job.
 */
export async function runWorker<S, D extends { readonly index: number } = ShardJobData>(options: RunWorkerOptions<S, D>): Promise<WorkerSummary> {
  const stop = options.signal ?? new AbortController().signal;
  const summary = { completed: 0, failed: 0, requeued: 0 };
  const emit = (event: WorkerEvent) => options.onEvent?.(event);
  const readData = options.readData ?? (readShardJobData as unknown as (jobId: string, data: unknown) => D);
  // Names a job in events: its index, and its label when it has one.
  const about = (job: Job) => {
    const data = job.data as D;
    const label = options.describe?.(data);
    return { jobId: job.id ?? "", index: data.index, ...(label === undefined ? {} : { label }) };
  };
  const worker = new Worker(
    options.queueName ?? DEFAULT_QUEUE_NAME,
    async (job: Job, token?: string, jobSignal?: AbortSignal) => {
      const data = readData(job.id ?? "", job.data);
      const attempt = job.attemptsMade + 1;
      emit({ type: "started", ...about(job), attempt });
      const signal = jobSignal ? AbortSignal.any([stop, jobSignal]) : stop;
      try {
        return await options.process({ id: job.id ?? "", data, attempt }, signal);
      } catch (error) {
        await stopOrCancel(job, token, stop, () => {
          summary.requeued++;
          emit({ type: "requeued", ...about(job) });
        });
        throw error;
      }
    },
    {
      connection: workerConnection(options.connection),
      autorun: false,
      concurrency: options.concurrency ?? 1,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 3,
      ...(options.limiter ? { limiter: { max: options.limiter.max, duration: options.limiter.durationMs } } : {}),
    },
  );
  worker.on("completed", (job: Job) => {
    summary.completed++;
    emit({ type: "completed", ...about(job) });
  });
  worker.on("failed", (job: Job | undefined, error: Error) => {
    if (!job || stop.aborted) return;
    const willRetry = job.attemptsMade < (job.opts.attempts ?? 1);
    if (!willRetry) summary.failed++;
    emit({ type: "failed", ...about(job), reason: error.message, willRetry });
  });
  // Without a listener an 'error' event would end the process; Redis being away is waited out.
  worker.on("error", (error: Error) => emit({ type: "error", message: error.message }));
  const stopped = new Promise<void>((resolve) => (stop.aborted ? resolve() : stop.addEventListener("abort", () => resolve(), { once: true })));
  const running = worker.run();
  await stopped;
  await worker.close();
  await running;
  return summary;
}
