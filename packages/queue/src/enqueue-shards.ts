import { shardName, type ShardRow } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import { checkJobSettings } from "./check-job-settings.js";
import { jobStanding, requeueFailed } from "./job-standing.js";
import type { EnqueueRunOptions } from "./enqueue-options.js";
import { openQueue, type CommandQueue } from "./open-queue.js";
import { shardInputKey, writeShardInput } from "./shard-input.js";
import { DEFAULT_QUEUE_NAME, SHARD_JOB_NAME, shardJobId, type ShardJobData, type ShardJobSettings } from "./shard-job-data.js";

/** How often a shard job is tried before it is parked as failed. */
export const DEFAULT_ATTEMPTS = 3;
/** The wait before a failed shard's second try, in milliseconds; doubled for each later one. */
export const DEFAULT_BACKOFF_MS = 5000;

/** What `enqueueShards` takes. */
export interface EnqueueShardsOptions extends EnqueueRunOptions {
  /** The run's shared storage (DEST): each shard's rows go under `_inputs/`. */
  readonly storage: StorageAdapter;
  /** The run's shards in order, as the shard engine's `shardRows` yields them. */
  readonly shards: AsyncIterable<{ readonly index: number; readonly rows: AsyncIterable<ShardRow> }>;
}

/** What an enqueue did, shard by shard. */
export interface EnqueueSummary {
  readonly queue: string;
  readonly runId: string;
  readonly shards: number;
  readonly rows: number;
  /** Shards that had no job yet. */
  readonly added: number;
  /** Parked (failed) shards queued again, their tries counted from zero. */
  readonly requeued: number;
  /** Shards already done: left alone. */
  readonly done: number;
  /** Shards waiting or running: left alone. */
  readonly pending: number;
  /** Parked shards left parked (`requeueFailed: false`). */
  readonly failed: number;
}

type Tally = { -readonly [K in "shards" | "rows" | "added" | "requeued" | "done" | "pending" | "failed"]: number };

/**
 * Turns a run's shards into BullMQ jobs, one per shard: writes the shard's rows to the shared
 * storage (`_inputs/00000.jsonl.gz`), then adds a job holding only the run id, the shard
 * index, that key and `settings`. Idempotent, so re-running it is how a run is resumed: a
 * shard already done or queued is left alone (its rows are read past, not rewritten), a
 * parked one is written again and re-queued with fresh tries.
 */
export async function enqueueShards(options: EnqueueShardsOptions): Promise<EnqueueSummary> {
  const settings = options.settings ?? {};
  checkJobSettings(settings, options.secrets);
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const queue = await openQueue(options.connection, queueName);
  const tally: Tally = { shards: 0, rows: 0, added: 0, requeued: 0, done: 0, pending: 0, failed: 0 };
  try {
    for await (const shard of options.shards) {
      options.signal?.throwIfAborted();
      tally.shards++;
      tally.rows += await enqueueShard(queue, options, settings, shard, tally);
    }
  } finally {
    await queue.close();
  }
  return { queue: queueName, runId: options.runId, ...tally };
}

async function enqueueShard(
  queue: CommandQueue,
  options: EnqueueShardsOptions,
  settings: ShardJobSettings,
  shard: { readonly index: number; readonly rows: AsyncIterable<ShardRow> },
  tally: Tally,
): Promise<number> {
  const { job, standing } = await jobStanding(queue, shardJobId(options.runId, shardName(shard.index)));
  const leaveParked = standing === "failed" && options.requeueFailed === false;
  if (standing === "done" || standing === "pending" || leaveParked) {
    tally[standing]++;
    return countRows(shard.rows);
  }
  const rows = await writeShardInput(options.storage, shard.index, shard.rows, options.signal);
  if (job && standing === "failed") {
    await requeueFailed(job);
    tally.requeued++;
    return rows;
  }
  const data: ShardJobData = { version: 1, runId: options.runId, index: shard.index, inputKey: shardInputKey(shard.index), settings };
  await queue.add(SHARD_JOB_NAME, data, {
    jobId: shardJobId(options.runId, shardName(shard.index)),
    attempts: options.attempts ?? DEFAULT_ATTEMPTS,
    backoff: { type: "exponential", delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
    removeOnComplete: false,
    removeOnFail: false,
  });
  tally.added++;
  return rows;
}

async function countRows(rows: AsyncIterable<ShardRow>): Promise<number> {
  let count = 0;
  for await (const _ of rows) count++;
  return count;
}
