import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFsStorage } from "@cat-harvest/storage-fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { enqueueShards, queueStatus, QueueSecretError, redisConnection, runWorker } from "../src/index.js";
import { downloadShardProcessor, planOf } from "./download-shard.js";
import { photoList, shardsOf, type PhotoList } from "./harness.js";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";

// Planted credentials: each must reach Redis nowhere (keys, values, the append-only file).
const REDIS_PASSWORD = "redis-pw-Zq81xP";
const AWS_SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYPLANTED";
const API_KEY = "thecatapi-live-PLANTED-9k2";
const SECRETS = [REDIS_PASSWORD, AWS_SECRET, API_KEY];

let redis: TestRedis;
let list: PhotoList;
let root: string;

beforeAll(async () => {
  redis = await startRedis({ password: REDIS_PASSWORD });
  list = await photoList(6);
  root = mkdtempSync(join(tmpdir(), "queue-secrets-"));
});
afterAll(async () => {
  await list?.emulator.stop();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

test("no credential reaches Redis: settings carrying one are refused, and a whole run leaves none in keys, values or the append-only file", async () => {
  const connection = redisConnection(redis.url, { password: REDIS_PASSWORD });
  const storage = await createFsStorage({ root });
  const enqueue = (settings: Record<string, string>) =>
    enqueueShards({ connection, queueName: "secrets", runId: "secrets", storage, shards: shardsOf(list.urls, 3), settings, secrets: SECRETS });

  const refused: Record<string, string>[] = [
    { apiKey: API_KEY },
    { out: `s3://AKIAPLANTED:${AWS_SECRET}@bucket/ds` },
    { queue: `redis://:${REDIS_PASSWORD}@127.0.0.1:${redis.port}` },
    { note: API_KEY },
  ];
  for (const settings of refused) {
    await expect(enqueue(settings)).rejects.toSatisfy((e) => QueueSecretError.isInstance(e) && SECRETS.every((s) => !(e as Error).message.includes(s)));
  }
  expect(redis.cli("dbsize").trim()).toBe("0");

  await enqueue({ out: root, format: "files", queue: `redis://127.0.0.1:${redis.port}` });
  const stop = new AbortController();
  const worker = runWorker({ connection, queueName: "secrets", process: downloadShardProcessor(storage, await planOf(list.urls, 3)), signal: stop.signal });
  await expect.poll(async () => (await queueStatus({ connection, queueName: "secrets" })).shards.done, { timeout: 30_000 }).toBe(2);
  stop.abort();
  await worker;

  const everything = redis.everything();
  // The dump is not empty: it holds the jobs, their settings and their results.
  expect(everything).toContain("_inputs/00001.jsonl.gz");
  expect(everything).toContain(root);
  for (const secret of SECRETS) expect(everything).not.toContain(secret);
  await storage.close();
}, 60_000);
