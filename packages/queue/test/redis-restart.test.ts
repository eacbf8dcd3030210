import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFsStorage } from "@cat-harvest/storage-fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { enqueueShards, queueStatus, redisConnection, runWorker, type WorkerEvent } from "../src/index.js";
import { downloadShardProcessor, planOf } from "./download-shard.js";
import { datasetFingerprint, photoList, shardsOf, waitFor, type PhotoList } from "./harness.js";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";

let redis: TestRedis;
let list: PhotoList;
let root: string;

beforeAll(async () => {
  redis = await startRedis();
  list = await photoList(40, 60);
  root = mkdtempSync(join(tmpdir(), "queue-restart-"));
});
afterAll(async () => {
  await list?.emulator.stop();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

test("Redis restarted mid-run: the workers wait, reconnect and finish; every shard is done once, nothing lost", async () => {
  const connection = redisConnection(redis.url);
  const storage = await createFsStorage({ root });
  await enqueueShards({ connection, queueName: "restart", runId: "restart", storage, shards: shardsOf(list.urls, 5) });
  const plan = await planOf(list.urls, 5);
  const stop = new AbortController();
  const events: WorkerEvent[] = [];
  const workers = [1, 2].map(() =>
    runWorker({ connection, queueName: "restart", process: downloadShardProcessor(storage, plan), signal: stop.signal, onEvent: (e) => events.push(e) }),
  );
  await waitFor("a first shard done", () => events.some((e) => e.type === "completed"));
  await redis.restart(1500);
  await waitFor("8 shards done", async () => (await queueStatus({ connection, queueName: "restart" })).shards.done === 8, 90_000);
  stop.abort();
  const summaries = await Promise.all(workers);

  expect(events.some((e) => e.type === "error")).toBe(true);
  const completed = events.filter((e) => e.type === "completed").map((e) => (e as { index: number }).index);
  expect(completed.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  expect(summaries.reduce((n, s) => n + s.completed + s.failed, 0)).toBe(8);
  expect((await queueStatus({ connection, queueName: "restart" })).shards).toEqual({ done: 8, running: 0, waiting: 0, failed: 0 });
  const { rows, keys } = await datasetFingerprint(storage);
  expect(rows.split("\n").filter(Boolean)).toHaveLength(40);
  expect(keys.filter((k) => k.endsWith("_stats.json"))).toHaveLength(8);
  await storage.close();
}, 120_000);
