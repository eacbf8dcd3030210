import type { StorageAdapter } from "@cat-harvest/storage";
import { FingerprintSet } from "../fingerprint-set.js";
import { sha256Fingerprint, textFingerprint } from "../fingerprint.js";
import type { ShardPlan } from "./shard-plan.js";
import type { ShardRowLine } from "./shard-result.js";
import { shardLines } from "./shard-lines.js";

/** Later copies of content an earlier shard holds: row indices, ascending, and each one's holder. */
export interface CrossShardDuplicates {
  /** Rows that are later copies, ascending. */
  readonly copies: Float64Array;
  /** `holders[i]` is the row holding the content of `copies[i]`. */
  readonly holders: Float64Array;
  /** The holders' stored names (`file`), by row. */
  readonly names: ReadonlyMap<number, string>;
}

/** The folder of a stored `files` row (its content is compared within its folder only). */
export const folderOf = (file: string): string => file.slice(0, Math.max(file.lastIndexOf("/"), 0));

/** What the content of a stored row is compared by: its sha256, within its folder for `files`. */
export function contentFingerprint(plan: ShardPlan, line: ShardRowLine) {
  return plan.format === "files" ? textFingerprint(`${folderOf(line.file!)}\u0000${line.sha256!}`) : sha256Fingerprint(line.sha256!);
}

/** A growable list of numbers in a typed array. */
class NumberList {
  values = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
  toArray(): Float64Array {
    return this.values.slice(0, this.length);
  }
}

/**
 * Streams the shards' rows in shard order through one content fingerprint set (64 bits and the
 * row a fingerprint was first seen in, 16 bytes a slot): a stored row whose content an earlier
 * row holds is a later copy. A second pass reads the names of the rows holding copies, only when
 * there are any. Memory: the set, plus 16 bytes per copy and one name per holder.
 */
export async function findCrossShardDuplicates(storage: StorageAdapter, plan: ShardPlan, signal?: AbortSignal): Promise<CrossShardDuplicates> {
  const seen = new FingerprintSet({ values: true });
  const copies = new NumberList();
  const holders = new NumberList();
  for await (const { row, line } of shardLines(storage, plan, signal)) {
    if (line.status !== "stored") continue;
    const holder = seen.add(contentFingerprint(plan, line), row);
    if (holder === -1) continue;
    copies.push(row);
    holders.push(holder);
  }
  const names = new Map<number, string>();
  if (copies.length > 0) {
    const wanted = holders.toArray().sort();
    let next = 0;
    for await (const { row, line } of shardLines(storage, plan, signal)) {
      while (next < wanted.length && wanted[next]! < row) next++;
      if (next === wanted.length) break;
      if (wanted[next] === row) names.set(row, line.file!);
    }
  }
  return { copies: copies.toArray(), holders: holders.toArray(), names };
}
