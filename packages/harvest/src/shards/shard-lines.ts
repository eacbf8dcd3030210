import type { StorageAdapter } from "@cat-harvest/storage";
import { HarvestDatasetError } from "../errors.js";
import { readJsonLines } from "../read-lines.js";
import { shardFiles } from "./shard-names.js";
import type { ShardPlan } from "./shard-plan.js";
import type { ShardRowLine } from "./shard-result.js";

/** A shard's row line with its row index in the whole run. */
export interface NumberedLine {
  readonly row: number;
  readonly line: ShardRowLine;
}

/** Every finished shard's row lines, in shard and row order, streamed (one line held at a time). */
export async function* shardLines(storage: StorageAdapter, plan: ShardPlan, signal?: AbortSignal): AsyncGenerator<NumberedLine> {
  for (let shard = 0; shard < plan.shards; shard++) {
    const key = shardFiles(plan.format, shard).rows;
    const body = await storage.get(key);
    if (!body) throw new HarvestDatasetError(key, "it is missing although its shard is finished; remove the shard's _stats.json to redo it");
    let row = shard * plan.shardSize;
    const bad = (line: number) => {
      throw new HarvestDatasetError(key, `line ${line} is not JSON; remove the shard's _stats.json to redo it`);
    };
    for await (const { value } of readJsonLines(body, bad)) {
      signal?.throwIfAborted();
      yield { row: row++, line: value as ShardRowLine };
    }
  }
}

/** A stream of text lines pulled from `lines` in batches, for a put that never holds them all. */
export function linesBody(lines: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = lines[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let batch = "";
      while (batch.length < 65_536) {
        const next = await iterator.next();
        if (next.done) {
          if (batch) controller.enqueue(encoder.encode(batch));
          controller.close();
          return;
        }
        batch += `${next.value}\n`;
      }
      controller.enqueue(encoder.encode(batch));
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}
