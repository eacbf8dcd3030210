import type { StorageAdapter } from "@cat-harvest/storage";
import { shardFiles } from "./shard-names.js";
import type { ShardPlan } from "./shard-plan.js";

/** Whether shard `index` is finished: one stat of its `_stats.json` (written last), no listing. */
export async function isShardFinished(storage: StorageAdapter, plan: ShardPlan, index: number): Promise<boolean> {
  return (await storage.stat(shardFiles(plan.format, index).stats)) !== null;
}
