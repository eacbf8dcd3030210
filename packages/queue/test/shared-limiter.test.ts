import { createMemoryStorage } from "@cat-harvest/storage";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";
import { shardsOf } from "./harness.js";
import { enqueueShards, readShardInput, redisConnection, runWorker } from "../src/index.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

test("the limiter is one ceiling for all workers: three workers together start at most 2 shards a second", async () => {
  const connection = redisConnection(redis.url);
  const storage = createMemoryStorage();
  const urls = Array.from({ length: 6 }, (_, i) => `https://api.example/page/${i}`);
  await enqueueShards({ connection, queueName: "limited", runId: "api", storage, shards: shardsOf(urls, 1) });
  const starts: number[] = [];
  const stop = new AbortController();
  const workers = [1, 2, 3].map(() =>
    runWorker({
      connection,
      queueName: "limited",
      concurrency: 3,
      limiter: { max: 2, durationMs: 1000 },
      signal: stop.signal,
      process: async (job) => {
        starts.push(Date.now());
        for await (const _ of readShardInput(storage, job.data.inputKey));
        if (starts.length === 6) stop.abort();
        return { ok: true };
      },
    }),
  );
  const summaries = await Promise.all(workers);
  expect(summaries.reduce((n, s) => n + s.completed + s.requeued, 0)).toBe(6);
  starts.sort((a, b) => a - b);
  // Any 2 shards apart: the third start after any start comes a full window later.
  for (let i = 2; i < starts.length; i++) expect(starts[i]! - starts[i - 2]!).toBeGreaterThanOrEqual(950);
}, 60_000);
