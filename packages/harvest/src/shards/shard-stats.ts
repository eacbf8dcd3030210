import { collectBody, type StorageAdapter } from "@cat-harvest/storage";
import type { ShardFormat } from "./shard-plan.js";
import type { RowOutcome, ShardStats } from "./shard-result.js";

/** A shard's stats from its outcomes. */
export function countShard(shard: number, format: ShardFormat, outcomes: readonly RowOutcome[], seconds: number): ShardStats {
  let stored = 0;
  let failed = 0;
  let duplicates = 0;
  let bytes = 0;
  const failureReasons: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome.status === "stored") {
      stored++;
      bytes += outcome.bytes;
    } else if (outcome.status === "duplicate") duplicates++;
    else {
      failed++;
      failureReasons[outcome.reason] = (failureReasons[outcome.reason] ?? 0) + 1;
    }
  }
  return { version: 1, shard, format, rows: outcomes.length, stored, failed, duplicates, failureReasons, bytes, seconds };
}

/** The stats a finished shard stored, or `undefined` when it is not finished. */
export async function readShardStats(storage: StorageAdapter, key: string): Promise<ShardStats | undefined> {
  const body = await storage.get(key);
  if (!body) return undefined;
  try {
    const stats = JSON.parse(new TextDecoder().decode(await collectBody(body, undefined, { maxBytes: 1024 * 1024 }))) as ShardStats;
    return stats?.version === 1 ? stats : undefined;
  } catch {
    // Unreadable: the shard is done again, which writes it anew.
    return undefined;
  }
}

export const encodeJson = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value)}\n`);
