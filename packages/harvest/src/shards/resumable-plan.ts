import type { StorageAdapter } from "@cat-harvest/storage";
import type { ListColumns } from "../list-columns.js";
import { isUrlListInput, type UrlListInput } from "../list-input.js";
import { hashInput, type InputIdentity } from "./input-identity.js";
import type { ShardFormat, ShardPlan } from "./shard-plan.js";
import { readShardPlan } from "./store-plan.js";

export interface ResumablePlanOptions {
  readonly storage: StorageAdapter;
  readonly format: ShardFormat;
  readonly shardSize: number;
  /** The columns the run reads by (none given: the defaults). */
  readonly columns: ListColumns;
  readonly inputName: string;
  /** A new read of the input's bytes. */
  readonly open: () => ReadableStream<Uint8Array> | UrlListInput;
}

/** Whether two identities name the same bytes read by the same columns. */
export function sameInput(a: InputIdentity, b: InputIdentity): boolean {
  return a.bytes === b.bytes && a.sha256 === b.sha256 && JSON.stringify(a.columns ?? {}) === JSON.stringify(b.columns ?? {});
}

/**
 * DEST's stored plan when this run resumes it unchanged (same format, shard size, columns, and
 * input bytes by size and SHA-256), so the plan's pre-pass (parsing every row through the URL
 * fingerprint set: 21 s and 300 MB at a million URLs) is not needed: one hashing read of the
 * input's bytes takes its place. `undefined` otherwise, and the pre-pass runs (and a differing
 * run is refused by `claimShardPlan`, naming the difference).
 */
export async function resumablePlan(options: ResumablePlanOptions): Promise<ShardPlan | undefined> {
  const stored = await readShardPlan(options.storage);
  if (!stored?.input || stored.format !== options.format || stored.shardSize !== options.shardSize) return undefined;
  const input = options.open();
  const identity = await hashInput(isUrlListInput(input) ? input.stream() : input, options.inputName);
  return sameInput({ ...identity, ...withColumns(options.columns) }, stored.input) ? stored : undefined;
}

/** `{ columns }` when any column is named, else nothing (so a plan of default columns stays as it was). */
export function withColumns(columns: ListColumns): { columns?: ListColumns } {
  return columns.urlColumn !== undefined || columns.labelColumn !== undefined ? { columns } : {};
}
