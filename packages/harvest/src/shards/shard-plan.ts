import { HarvestUsageError } from "../errors.js";
import type { InputIdentity } from "./input-identity.js";
import { DEFAULT_SHARD_SIZE } from "./shard-names.js";
import type { ShardRow } from "./shard-row.js";
import { uniqueRows } from "./unique-rows.js";

/** How shards are stored: today's folders of photos, or WebDataset tar shards. */
export type ShardFormat = "files" | "webdataset";
export const SHARD_FORMATS: readonly ShardFormat[] = ["files", "webdataset"];

/** A run's identity and layout, stored as `DEST/_plan.json` before any download. */
export interface ShardPlan {
  readonly version: 1;
  readonly format: ShardFormat;
  readonly shardSize: number;
  /** Rows after duplicate URLs were dropped. */
  readonly rows: number;
  readonly shards: number;
  /** Sorted distinct labels; a label's class index is its position. Empty when the list has none. */
  readonly labels: readonly string[];
  /** Rows dropped as repeats of an earlier row's URL. */
  readonly duplicateUrls: number;
  readonly input?: InputIdentity;
}

export interface PlanShardsOptions {
  /** The input's rows, in order (duplicate URLs are dropped here). */
  readonly rows: AsyncIterable<ShardRow> | Iterable<ShardRow>;
  /** @default "files" */
  readonly format?: ShardFormat;
  /** @default 10_000 (`DEFAULT_SHARD_SIZE`) */
  readonly shardSize?: number;
  /** The input's identity, or a function giving it once `rows` has been read (see `identifyInput`). */
  readonly input?: InputIdentity | (() => InputIdentity);
  readonly signal?: AbortSignal;
}

/** Checks a format and shard size, with errors naming the option. */
export function checkShardOptions(format: unknown, shardSize: unknown): { format: ShardFormat; shardSize: number } {
  if (!SHARD_FORMATS.includes(format as ShardFormat)) {
    throw new HarvestUsageError("format", `format must be "files" or "webdataset", got ${JSON.stringify(format)}`, { value: format });
  }
  if (!(Number.isSafeInteger(shardSize) && (shardSize as number) >= 1 && (shardSize as number) <= 10_000_000)) {
    throw new HarvestUsageError("shardSize", `shardSize must be a whole number from 1 to 10,000,000, got ${String(shardSize)}`, { value: shardSize });
  }
  return { format: format as ShardFormat, shardSize: shardSize as number };
}

/**
 * The pre-pass: reads every row once (streaming; only the URL fingerprints and the distinct
 * labels are kept) and returns the plan: rows, shards, labels.
 *
 * @example
 * const plan = await planShards({ rows: listRows(file.stream(), "urls.csv"), format: "webdataset" });
 */
export async function planShards(options: PlanShardsOptions): Promise<ShardPlan> {
  const { format, shardSize } = checkShardOptions(options.format ?? "files", options.shardSize ?? DEFAULT_SHARD_SIZE);
  const labels = new Set<string>();
  let rows = 0;
  let duplicateUrls = 0;
  for await (const row of uniqueRows(options.rows, () => duplicateUrls++)) {
    options.signal?.throwIfAborted();
    rows++;
    if (row.label !== undefined) labels.add(row.label);
  }
  const input = typeof options.input === "function" ? options.input() : options.input;
  return {
    version: 1,
    format,
    shardSize,
    rows,
    shards: Math.ceil(rows / shardSize),
    labels: [...labels].sort(),
    duplicateUrls,
    ...(input ? { input } : {}),
  };
}
