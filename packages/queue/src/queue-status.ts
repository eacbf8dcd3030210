import type { Job } from "bullmq";
import { apiJobLabel, type ApiJobData } from "./api-job-data.js";
import { openQueue, type CommandQueue } from "./open-queue.js";
import type { RedisConnection } from "./redis-connection.js";
import { DEFAULT_QUEUE_NAME, type ShardJobData } from "./shard-job-data.js";

/** A shard parked as failed: which, why, after how many tries. */
export interface FailedShard {
  readonly jobId: string;
  readonly runId: string;
  readonly index: number;
  /** An API job's source and breed ("rescuegroups: Bengal"); shards have none. */
  readonly label?: string;
  readonly reason: string;
  readonly attempts: number;
  /** When its last try ended (ms since the epoch). */
  readonly finishedAt: number | undefined;
}

/** A queue's shards at one moment. */
export interface QueueStatus {
  readonly queue: string;
  readonly shards: {
    readonly done: number;
    readonly running: number;
    /** Queued, or waiting out a retry's backoff. */
    readonly waiting: number;
    /** Parked after their last try; re-running the enqueue command queues them again. */
    readonly failed: number;
  };
  /** The most recently parked shards, newest first (at most `failedLimit`). */
  readonly failed: readonly FailedShard[];
  /** Shards finished per minute over the most recent ones (`rateWindow`), when at least two finished. */
  readonly shardsPerMinute: number | undefined;
  /** Seconds until the queued and running shards are done at that rate. */
  readonly etaSeconds: number | undefined;
  /** Workers connected now, when Redis lets a client list them (`CLIENT LIST`). */
  readonly workers: number | undefined;
}

/** What `queueStatus` takes. */
export interface QueueStatusOptions {
  readonly connection: RedisConnection;
  /** @default "cat-harvest" */
  readonly queueName?: string;
  /** @default 20 */
  readonly failedLimit?: number;
  /** Finished shards the rate is measured over. @default 50 */
  readonly rateWindow?: number;
}

/** Reads a queue's shards (done, running, waiting, failed with reasons), rate and ETA. Changes nothing. */
export async function queueStatus(options: QueueStatusOptions): Promise<QueueStatus> {
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const queue = await openQueue(options.connection, queueName, { readOnly: true });
  try {
    const counts = await queue.getJobCounts("completed", "active", "waiting", "delayed", "prioritized", "failed");
    const shards = {
      done: counts.completed ?? 0,
      running: counts.active ?? 0,
      waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
      failed: counts.failed ?? 0,
    };
    const failed = ((await queue.getFailed(0, (options.failedLimit ?? 20) - 1)) as Job[]).map(failedShard);
    const shardsPerMinute = finishRate((await queue.getCompleted(0, (options.rateWindow ?? 50) - 1)) as Job[]);
    const left = shards.running + shards.waiting;
    const etaSeconds = shardsPerMinute && left > 0 ? Math.round((left / shardsPerMinute) * 60) : shardsPerMinute && left === 0 ? 0 : undefined;
    return { queue: queueName, shards, failed, shardsPerMinute, etaSeconds, workers: await workerCount(queue) };
  } finally {
    await queue.close();
  }
}

function failedShard(job: Job): FailedShard {
  const data = job.data as Partial<ShardJobData> & Partial<Pick<ApiJobData, "source" | "breed">>;
  return {
    jobId: job.id ?? "",
    runId: String(data.runId ?? ""),
    index: Number(data.index ?? -1),
    ...(typeof data.source === "string" && typeof data.breed === "string" ? { label: apiJobLabel(data.source, data.breed) } : {}),
    reason: job.failedReason ?? "",
    attempts: job.attemptsMade,
    finishedAt: job.finishedOn,
  };
}

/** Shards per minute between the first and last finish among `jobs`. */
function finishRate(jobs: readonly Job[]): number | undefined {
  const times = jobs.map((j) => j.finishedOn).filter((t): t is number => typeof t === "number");
  if (times.length < 2) return undefined;
  const spanMs = Math.max(...times) - Math.min(...times);
  return spanMs > 0 ? ((times.length - 1) / spanMs) * 60_000 : undefined;
}

async function workerCount(queue: CommandQueue): Promise<number | undefined> {
  try {
    return (await queue.getWorkers()).length;
  } catch {
    return undefined;
  }
}
