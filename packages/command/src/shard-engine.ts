import type { UrlListEntry } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import { CommandMissingPackageError } from "./errors.js";

// The shard engine of issue 15 (planShards, shardRows, runShard, finishShards in
// @cat-harvest/harvest) is written on another branch. Until it is merged, the queue commands
// find it at run time and describe it here by the shared design's names; after the merge these
// types give way to the engine's own exports.

/** A run's plan as the shard design stores it in `DEST/_plan.json`. */
export interface RunPlan {
  readonly version: number;
  readonly format: "files" | "webdataset";
  readonly shardSize: number;
  readonly rows: number;
  readonly shards: number;
  readonly labels: readonly string[];
}

/** The shard engine's functions the queue commands call. */
export interface ShardEngine {
  planShards(options: { rows: AsyncIterable<UrlListEntry>; format: RunPlan["format"]; shardSize: number; signal?: AbortSignal }): Promise<RunPlan>;
  shardRows(rows: AsyncIterable<UrlListEntry>, shardSize: number): AsyncIterable<{ index: number; rows: AsyncIterable<UrlListEntry> }>;
  runShard(options: {
    storage: StorageAdapter;
    plan: RunPlan;
    index: number;
    rows: AsyncIterable<UrlListEntry>;
    concurrency?: number;
    signal: AbortSignal;
  }): Promise<unknown>;
  finishShards(options: { storage: StorageAdapter; plan: RunPlan; signal: AbortSignal }): Promise<unknown>;
}

const ENGINE_FUNCTIONS = ["planShards", "shardRows", "runShard", "finishShards"] as const;

/** Whether this build's @cat-harvest/harvest has the shard engine. */
export async function hasShardEngine(): Promise<boolean> {
  const harvest: Record<string, unknown> = await import("@cat-harvest/harvest");
  return ENGINE_FUNCTIONS.every((name) => typeof harvest[name] === "function");
}

/** The shard engine of @cat-harvest/harvest, or `CommandMissingPackageError` when this build has none. */
export async function loadShardEngine(): Promise<ShardEngine> {
  const harvest: Record<string, unknown> = await import("@cat-harvest/harvest");
  const missing = ENGINE_FUNCTIONS.filter((name) => typeof harvest[name] !== "function");
  if (missing.length > 0) {
    throw new CommandMissingPackageError(
      "@cat-harvest/harvest",
      `--queue runs shards, and this build's @cat-harvest/harvest has no shard engine (${missing.join(", ")} missing); install a version with it beside the command`,
    );
  }
  return harvest as unknown as ShardEngine;
}
