import type { StorageAdapter } from "@cat-harvest/storage";
import type { CreateSha256 } from "../hash-stream.js";
import { runShard } from "./run-shard.js";
import { shardFiles } from "./shard-names.js";
import type { ShardPlan } from "./shard-plan.js";
import type { RowOutcome, ShardStats } from "./shard-result.js";
import type { ShardRow } from "./shard-row.js";
import { shardRows } from "./shard-rows.js";
import { readShardStats } from "./shard-stats.js";

export interface RunShardsOptions {
  readonly storage: StorageAdapter;
  readonly plan: ShardPlan;
  /** The input's rows again, in order (the plan's pre-pass read them once). */
  readonly rows: AsyncIterable<ShardRow>;
  readonly concurrency: number;
  readonly signal?: AbortSignal | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
  readonly createSha256?: CreateSha256 | undefined;
  /** A shard found finished, with its stored stats. */
  readonly onFinishedShard?: (stats: ShardStats) => void;
  /** A row's outcome as it arrives (a later copy within its shard still says `stored` here). */
  readonly onOutcome?: (outcome: RowOutcome) => void;
  /** A shard this run did, with its stats. */
  readonly onShard?: (stats: ShardStats) => void;
  /** Where `webdataset` bodies wait for their tar (`runShard`'s `spool`). @default storage */
  readonly spool?: StorageAdapter | undefined;
}

/** A row stream that says when it has been read to its end. */
function tapEnd(rows: AsyncIterable<ShardRow>): { rows: AsyncIterable<ShardRow>; ended: Promise<void> } {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  async function* tapped() {
    try {
      yield* rows;
    } finally {
      end();
    }
  }
  return { rows: tapped(), ended };
}

/**
 * Every shard in order: a finished one is skipped (one read of its stats), the others are run.
 * A shard starts once the one before it has handed all its rows to its downloads, so a
 * shard's end (its tar, its rows) overlaps the next one's downloads: at most two shards are
 * under way. Rejects with the first shard's error (or the signal's reason) once both settled.
 */
export async function runShards(options: RunShardsOptions): Promise<void> {
  const { storage, plan, signal } = options;
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  try {
    for await (const shard of shardRows(options.rows, plan.shardSize, plan.rows)) {
      signal?.throwIfAborted();
      if (failure) break;
      const finished = await readShardStats(storage, shardFiles(plan.format, shard.index).stats);
      if (finished) {
        options.onFinishedShard?.(finished);
        continue;
      }
      const { rows, ended } = tapEnd(shard.rows);
      const task: Promise<void> = runShard({
        storage,
        plan,
        index: shard.index,
        rows,
        concurrency: options.concurrency,
        ...(signal ? { signal } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.createSha256 ? { createSha256: options.createSha256 } : {}),
        ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
        ...(options.spool ? { spool: options.spool } : {}),
      }).then(
        (stats) => {
          options.onShard?.(stats);
        },
        (error: unknown) => void (failure ??= { error }),
      );
      running.add(task);
      void task.finally(() => running.delete(task));
      // The next shard's rows come after this one's: wait until they are all taken.
      await Promise.race([ended, task]);
      while (running.size >= 2) await Promise.race(running);
    }
  } finally {
    await Promise.all(running);
  }
  if (failure) throw failure.error;
}
