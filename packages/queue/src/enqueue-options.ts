import type { RedisConnection } from "./redis-connection.js";
import type { ShardJobSettings } from "./shard-job-data.js";

/** What every enqueue of a run takes (`enqueueShards`, `enqueueApiJobs`). */
export interface EnqueueRunOptions {
  readonly connection: RedisConnection;
  /** @default "cat-harvest" */
  readonly queueName?: string;
  /** The run's id (`runIdOf(dest)`): the same for every enqueue of one DEST. */
  readonly runId: string;
  /** Credential-free settings every worker reads (checked by `checkJobSettings`). */
  readonly settings?: ShardJobSettings;
  /** The credentials this process holds, which must appear nowhere in the job data. */
  readonly secrets?: readonly string[];
  /** Tries per job before it is parked as failed. @default 3 */
  readonly attempts?: number;
  /** The wait before a failed job's next try, doubled after each. @default 5000 */
  readonly backoffMs?: number;
  /** Queue parked jobs again; when false they are counted as `failed` and left parked. @default true */
  readonly requeueFailed?: boolean;
  readonly signal?: AbortSignal;
}
