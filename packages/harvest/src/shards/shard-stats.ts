import { collectBody, type StorageAdapter } from "@cat-harvest/storage";
import type { ShardStats } from "./shard-result.js";

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
