import { listColumns, type ListColumns } from "../list-columns.js";
import { isUrlListInput, type UrlListInput } from "../list-input.js";
import { hashInput, identifyInput, type InputIdentity } from "./input-identity.js";
import { listRows } from "./list-rows.js";
import { DEFAULT_SHARD_SIZE } from "./shard-names.js";
import { withColumns } from "./resumable-plan.js";
import { planShards, type ShardFormat, type ShardPlan } from "./shard-plan.js";
import type { ShardRow } from "./shard-row.js";

export interface PlanListOptions extends ListColumns {
  /** The list: a stream (read once) or a `UrlListInput` (read twice: its bytes, then its rows). */
  readonly input: ReadableStream<Uint8Array> | UrlListInput;
  /** The list's file name: picks the format and names it in errors. */
  readonly inputName: string;
  /** @default "files" */
  readonly format?: ShardFormat;
  /** @default 10_000 */
  readonly shardSize?: number;
  readonly signal?: AbortSignal | undefined;
  /** Told of each line refused while reading (it becomes a failed row of its shard). */
  readonly onRefused?: (error: Error) => void;
}

/**
 * The plan of a URL list (`planShards` over `listRows`), with the list's identity (its size and
 * SHA-256) so a re-run of an edited list is caught. A stream is hashed as it is parsed; a
 * `UrlListInput` (Parquet is not read front to back) is hashed by one more read of its bytes.
 * One process (`downloadList`) and the queue's enqueue plan a list the same way with it.
 */
export async function planList(options: PlanListOptions): Promise<ShardPlan> {
  const rowOptions = { ...listColumns(options), ...(options.onRefused ? { onRefused: options.onRefused } : {}) };
  let identity: () => InputIdentity;
  let rows: AsyncIterable<ShardRow>;
  if (isUrlListInput(options.input)) {
    const hashed = await hashInput(options.input.stream(), options.inputName);
    identity = () => hashed;
    rows = listRows(options.input, options.inputName, rowOptions);
  } else {
    const counted = identifyInput(options.input, options.inputName);
    identity = counted.identity;
    rows = listRows(counted.body, options.inputName, rowOptions);
  }
  return planShards({
    rows,
    format: options.format ?? "files",
    shardSize: options.shardSize ?? DEFAULT_SHARD_SIZE,
    // The columns read by belong to the input's identity: a re-run by other columns is another plan.
    input: () => ({ ...identity(), ...withColumns(listColumns(options)) }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
