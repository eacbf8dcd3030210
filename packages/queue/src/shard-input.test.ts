import { createMemoryStorage } from "@cat-harvest/storage";
import { expect, test } from "vitest";
import type { ShardRow } from "@cat-harvest/harvest";
import { QueueError, readShardInput, shardInputKey, writeShardInput } from "./index.js";

async function* rowsOf(rows: ShardRow[]) {
  yield* rows;
}

test("a shard's rows go to _inputs/ gzipped and come back the same, labels, lines and failures kept", async () => {
  const storage = createMemoryStorage();
  const rows: ShardRow[] = Array.from({ length: 2500 }, (_, i) =>
    i % 2 ? { url: `https://x.test/${i}.jpg`, line: i + 1 } : { url: `https://x.test/${i}.jpg?é=ü`, label: "Bengal", line: i + 1 },
  );
  // A line refused while reading keeps its failure, for the worker to record in its shard.
  rows[5] = { url: "ftp://x.test/5", line: 6, failure: { reason: "not-http", detail: "line 6: ftp://x.test/5 is not an http(s) URL" } };
  expect(await writeShardInput(storage, 7, rowsOf(rows))).toBe(2500);
  expect(shardInputKey(7)).toBe("_inputs/00007.jsonl.gz");
  expect(shardInputKey(123456)).toBe("_inputs/123456.jsonl.gz");
  const stored = new Uint8Array(await new Response(await storage.get("_inputs/00007.jsonl.gz")).arrayBuffer());
  expect([stored[0], stored[1]]).toEqual([0x1f, 0x8b]);
  const back: ShardRow[] = [];
  for await (const row of readShardInput(storage, shardInputKey(7))) back.push(row);
  expect(back).toEqual(rows);
});

test("a missing input says to re-run the enqueue command", async () => {
  const read = async () => {
    for await (const _ of readShardInput(createMemoryStorage(), "_inputs/00001.jsonl.gz"));
  };
  await expect(read()).rejects.toSatisfy((e) => QueueError.isInstance(e) && /re-run the enqueue command/.test((e as Error).message));
});
