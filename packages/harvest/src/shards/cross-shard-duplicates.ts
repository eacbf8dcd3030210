import type { StorageAdapter } from "@cat-harvest/storage";
import { FingerprintSet } from "../fingerprint-set.js";
import { sha256Fingerprint, textFingerprint, type Fingerprint } from "../fingerprint.js";
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
export function contentFingerprint(plan: ShardPlan, line: ShardRowLine): Fingerprint {
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
 * Streams the shards' rows in shard order through one content fingerprint set (64 bits a
 * fingerprint, sized for every row up front: 16 MiB at a million rows, never doubled): a
 * stored row whose content an earlier row holds is a later copy. Only when there are copies,
 * a second pass finds each copied content's first row (its holder) and that row's name.
 * Memory: the set, plus about 40 bytes per copy and one name per holder.
 */
export async function findCrossShardDuplicates(storage: StorageAdapter, plan: ShardPlan, signal?: AbortSignal): Promise<CrossShardDuplicates> {
  const seen = new FingerprintSet({ expected: plan.rows });
  const copies = new NumberList();
  const copyPrints = new NumberList();
  for await (const { row, line } of shardLines(storage, plan, signal)) {
    if (line.status !== "stored") continue;
    const print = contentFingerprint(plan, line);
    if (seen.add(print) === -1) continue;
    copies.push(row);
    copyPrints.push(print.hi);
    copyPrints.push(print.lo);
  }
  if (copies.length === 0) return { copies: copies.toArray(), holders: new Float64Array(0), names: new Map() };
  return { copies: copies.toArray(), ...(await findHolders(storage, plan, copyPrints.toArray(), signal)) };
}

/** Each copy's holder (the first stored row with its content) and the holders' names, in one more pass. */
async function findHolders(storage: StorageAdapter, plan: ShardPlan, copyPrints: Float64Array, signal?: AbortSignal) {
  const count = copyPrints.length / 2;
  const print = (i: number): Fingerprint => ({ hi: copyPrints[i * 2]!, lo: copyPrints[i * 2 + 1]! });
  const copied = new FingerprintSet({ expected: count });
  for (let i = 0; i < count; i++) copied.add(print(i));
  const firsts = new FingerprintSet({ values: true, expected: count });
  const names = new Map<number, string>();
  for await (const { row, line } of shardLines(storage, plan, signal)) {
    if (line.status !== "stored") continue;
    const content = contentFingerprint(plan, line);
    if (copied.has(content) && firsts.add(content, row) === -1) names.set(row, line.file!);
    if (names.size === firsts.size && firsts.size === copied.size) break;
  }
  const holders = new Float64Array(count);
  for (let i = 0; i < count; i++) holders[i] = firsts.add(print(i), -1);
  return { holders, names };
}
