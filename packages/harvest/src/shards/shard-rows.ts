import type { ShardRow } from "./shard-row.js";
import { uniqueRows } from "./unique-rows.js";

/** One shard's rows, to be read before the next shard is asked for. */
export interface ShardInput {
  readonly index: number;
  readonly rows: AsyncIterable<ShardRow>;
}

/**
 * Splits the input's rows into shards of `shardSize` after dropping duplicate URLs (as
 * `planShards` does, so indices agree): row i goes to shard floor(i / shardSize). Streams: a
 * shard's rows are read from the input as they are asked for, and whatever a consumer leaves
 * unread (a finished shard it skips) is read past when the next shard is asked for.
 * `expectedRows` (the plan's `rows`) sizes the URL set once instead of letting it double.
 */
export async function* shardRows(rows: AsyncIterable<ShardRow> | Iterable<ShardRow>, shardSize: number, expectedRows?: number): AsyncGenerator<ShardInput> {
  if (!(Number.isSafeInteger(shardSize) && shardSize >= 1)) throw new TypeError(`shardRows: shardSize must be a positive integer, got ${shardSize}`);
  const source = uniqueRows(rows, undefined, expectedRows)[Symbol.asyncIterator]();
  let pending = await source.next();
  try {
    for (let index = 0; !pending.done; index++) {
      let taken = 0;
      async function* take(): AsyncGenerator<ShardRow> {
        while (!pending.done && taken < shardSize) {
          const row = pending.value;
          taken++;
          pending = await source.next();
          yield row;
        }
      }
      yield { index, rows: take() };
      // Read past what the consumer left (all of a finished shard it skipped).
      while (!pending.done && taken < shardSize) {
        taken++;
        pending = await source.next();
      }
    }
  } finally {
    await source.return?.(undefined);
  }
}
