import { createDefaultSha256, toHex } from "@cat-harvest/downloader";
import type { ShardPlan } from "./shards/shard-plan.js";
import { checkShardOptions } from "./shards/shard-plan.js";
import type { ShardRow } from "./shards/shard-row.js";

/** Rows per shard of a harvest run as jobs when not told: a harvest has thousands of photos, not millions. */
export const DEFAULT_HARVEST_SHARD_SIZE = 500;

/**
 * The shard plan of a harvest's decided rows (`decideHarvestRows`), `files` format: its input
 * identity is the rows' own hash, so a re-run whose records or flags decide other rows is
 * refused by `claimShardPlan` instead of mixing two runs in one DEST.
 */
export function harvestShardPlan(rows: readonly ShardRow[], sources: readonly string[], shardSize = DEFAULT_HARVEST_SHARD_SIZE): ShardPlan {
  checkShardOptions("files", shardSize);
  const hash = createDefaultSha256();
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const row of rows) {
    const line = encoder.encode(`${JSON.stringify(row)}\n`);
    hash.update(line);
    bytes += line.byteLength;
  }
  return {
    version: 1,
    format: "files",
    shardSize,
    rows: rows.length,
    shards: Math.ceil(rows.length / shardSize),
    labels: [...new Set(rows.map((row) => row.label!))].sort(),
    duplicateUrls: 0,
    input: { name: `harvest of ${sources.join(",")}`, bytes, sha256: toHex(hash.digest()) },
  };
}
