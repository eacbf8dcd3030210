import type { ListColumns } from "../list-columns.js";
import { isUrlListInput, type UrlListInput } from "../list-input.js";
import { identifyInput } from "./input-identity.js";
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

/** The column options of `options`, without the unset ones. */
export function listColumns(options: ListColumns): ListColumns {
  const { urlColumn, labelColumn } = options;
  return { ...(urlColumn !== undefined ? { urlColumn } : {}), ...(labelColumn !== undefined ? { labelColumn } : {}) };
}

/**
 * The plan of a URL list (`planShards` over `listRows`), with the list's identity (its size and
 * SHA-256) so a re-run of an edited list is caught. A stream is hashed as it is parsed; a
 * `UrlListInput` (Parquet is not read front to back) is hashed by one more read of its bytes.
 * One process (`downloadList`) and the queue's enqueue plan a list the same way with it.
 */
export async function planList(options: PlanListOptions): Promise<ShardPlan> {
  const rowOptions = { ...listColumns(options), ...(options.onRefused ? { onRefused: options.onRefused } : {}) };
  let counted: ReturnType<typeof identifyInput>;
  let rows: AsyncIterable<ShardRow>;
  if (isUrlListInput(options.input)) {
    counted = identifyInput(options.input.stream(), options.inputName);
    await counted.body.pipeTo(new WritableStream());
    rows = listRows(options.input, options.inputName, rowOptions);
  } else {
    counted = identifyInput(options.input, options.inputName);
    rows = listRows(counted.body, options.inputName, rowOptions);
  }
  return planShards({
    rows,
    format: options.format ?? "files",
    shardSize: options.shardSize ?? DEFAULT_SHARD_SIZE,
    // The columns read by belong to the input's identity: a re-run by other columns is another plan.
    input: () => ({ ...counted.identity(), ...withColumns(listColumns(options)) }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
