import type { StorageAdapter } from "@cat-harvest/storage";
import type { UnreadableLine } from "../read-metadata.js";
import { readJsonLines } from "../read-lines.js";
import { storedBody } from "../stored-body.js";
import { isShardFinished } from "./is-shard-finished.js";
import { shardFiles } from "./shard-names.js";
import type { ShardPlan } from "./shard-plan.js";
import type { ShardRowLine } from "./shard-result.js";

/** A finished shard's row line, with its shard and the `.jsonl` it came from. */
export interface StoredShardRow {
  readonly shard: number;
  readonly rows: string;
  readonly line: ShardRowLine;
}

/**
 * Every finished shard's row lines, in shard and row order, streamed, for readers that must not
 * stop at damage (a report): an unfinished shard is skipped, a missing `.jsonl` or a line that is
 * not a JSON object goes to `onUnreadable`. Reads only.
 */
export async function* readShardRows(
  storage: StorageAdapter,
  plan: ShardPlan,
  onUnreadable: (line: UnreadableLine) => void,
  signal?: AbortSignal,
): AsyncGenerator<StoredShardRow> {
  for (let shard = 0; shard < plan.shards; shard++) {
    signal?.throwIfAborted();
    if (!(await isShardFinished(storage, plan, shard))) continue;
    const rows = shardFiles(plan.format, shard).rows;
    const body = await storedBody(storage, rows);
    if (!body) {
      onUnreadable({ file: rows, line: 0, problem: "missing although its shard is finished" });
      continue;
    }
    for await (const { line, value } of readJsonLines(body, (n) => onUnreadable({ file: rows, line: n, problem: "not JSON (cut short?)" }))) {
      if (typeof value !== "object" || value === null || typeof (value as ShardRowLine).status !== "string")
        onUnreadable({ file: rows, line, problem: 'no "status"' });
      else yield { shard, rows, line: value as ShardRowLine };
    }
  }
}
