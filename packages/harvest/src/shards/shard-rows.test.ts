import { expect, test } from "vitest";
import { planShards } from "./shard-plan.js";
import { sampleKey, shardName } from "./shard-names.js";
import type { ShardRow } from "./shard-row.js";
import { shardRows } from "./shard-rows.js";

const rows = (n: number, repeat = 0): ShardRow[] =>
  Array.from({ length: n + repeat }, (_, i) => ({
    url: `https://example.com/${i < n ? i : i - n}.jpg`,
    line: i + 1,
    ...(i % 2 ? { label: "b" } : { label: "a" }),
  }));

test("splits unique rows into shards of shardSize, and reads past what a consumer skips", async () => {
  const seen: Array<[number, number[]]> = [];
  for await (const shard of shardRows(rows(7, 3), 3)) {
    if (shard.index === 1) continue; // a finished shard: its rows are never read
    const lines: number[] = [];
    for await (const row of shard.rows) lines.push(row.line);
    seen.push([shard.index, lines]);
  }
  expect(seen).toEqual([
    [0, [1, 2, 3]],
    [2, [7]],
  ]);
});

test("a plan's row count sizes the URL set up front; a count no plan could hold is not trusted with memory", async () => {
  const lines = async (expected?: number) => {
    const out: number[] = [];
    for await (const shard of shardRows(rows(5000, 700), 1000, expected)) for await (const row of shard.rows) out.push(row.line);
    return out;
  };
  const plain = await lines();
  expect(plain).toHaveLength(5000);
  // Sized for the plan's 5,000 rows, or told a wrong count, the same rows come out in the same shards.
  expect(await lines(5000)).toEqual(plain);
  expect(await lines(10)).toEqual(plain);
  // A tampered plan's 10^12 rows would ask for a 16 TiB table: the set grows as it fills instead.
  expect(await lines(1e12)).toEqual(plain);
});

test("the plan counts the rows that survive, the dropped repeats and the sorted labels", async () => {
  expect(await planShards({ rows: rows(7, 3), format: "webdataset", shardSize: 3 })).toEqual({
    version: 1,
    format: "webdataset",
    shardSize: 3,
    rows: 7,
    shards: 3,
    labels: ["a", "b"],
    duplicateUrls: 3,
  });
});

test.each([
  [0, "00000"],
  [42, "00042"],
  [123_456, "123456"],
])("shard %i is named %s", (index, name) => {
  expect(shardName(index)).toBe(name);
});

test.each([
  [10_000, 420_042, "000420042"],
  [10, 25, "000025"],
  [1, 3, "000030"],
])("with shardSize %i, row %i has key %s", (size, row, key) => {
  expect(sampleKey(size, row)).toBe(key);
});
