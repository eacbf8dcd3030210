import { QueueJobDataError } from "./errors.js";

/**
 * Settings every worker applies to a run's shards (the data set's location and format, the
 * download concurrency...). Plain values only, and never a credential: `checkJobSettings`
 * refuses one before anything reaches Redis.
 */
export type ShardJobSettings = Readonly<Record<string, string | number | boolean | null>>;

/** All a shard's job holds in Redis: which run, which shard, where its rows are, and the settings. */
export interface ShardJobData {
  readonly version: 1;
  /** The run the shard belongs to (`runIdOf(dest)`). */
  readonly runId: string;
  /** The shard's 0-based index. */
  readonly index: number;
  /** The storage key of the shard's rows (`_inputs/00000.jsonl.gz`), relative to the run's storage. */
  readonly inputKey: string;
  readonly settings: ShardJobSettings;
}

/** The queue jobs go to when no other name is given. */
export const DEFAULT_QUEUE_NAME = "cat-harvest";

/** The BullMQ job name of every shard job. */
export const SHARD_JOB_NAME = "shard";

/** The job id of a run's shard: one id per shard, so a re-run finds the job instead of adding another. */
export function shardJobId(runId: string, shard: string): string {
  return `${runId}-${shard}`;
}

/** Checks that a job's data is shard job data of this version; throws `QueueJobDataError` otherwise. */
export function readShardJobData(jobId: string, data: unknown): ShardJobData {
  if (typeof data !== "object" || data === null) throw new QueueJobDataError(jobId, "holds no shard data");
  const d = data as Partial<ShardJobData>;
  if (d.version !== 1) throw new QueueJobDataError(jobId, `has data version ${JSON.stringify(d.version)}, and this version reads 1`);
  if (typeof d.runId !== "string" || typeof d.inputKey !== "string" || !Number.isInteger(d.index) || typeof d.settings !== "object" || d.settings === null) {
    throw new QueueJobDataError(jobId, "lacks runId, index, inputKey or settings");
  }
  return d as ShardJobData;
}
