// The queue tests' shard processor: the shard engine's runShard (`files` format), called as
// `cat-harvest worker` calls it, on the rows the job's input holds.
import { planShards, runShard, type ShardPlan, type ShardStats } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import { readShardInput, type ShardJob, type ShardProcessor } from "../src/index.js";

/** The plan of a list of URLs (lines 1-based), as `download --queue` makes it. */
export function planOf(urls: readonly string[], shardSize: number): Promise<ShardPlan> {
  return planShards({ rows: urls.map((url, i) => ({ url, line: i + 1 })), format: "files", shardSize });
}

/** Runs a job's shard with `runShard`; `onRow` is told of each row read from the job's input. */
export function downloadShardProcessor(storage: StorageAdapter, plan: ShardPlan, onRow?: () => void): ShardProcessor<ShardStats> {
  return async (job: ShardJob, signal: AbortSignal) => {
    async function* rows() {
      for await (const row of readShardInput(storage, job.data.inputKey)) {
        onRow?.();
        yield row;
      }
    }
    return runShard({ storage, plan, index: job.data.index, rows: rows(), concurrency: 4, signal });
  };
}
