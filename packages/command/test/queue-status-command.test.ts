import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryStorage, type StorageAdapter } from "@cat-harvest/storage";
import type { ShardRow } from "@cat-harvest/harvest";
import { apiJobLabel, apiQueueName, enqueueApiJobs, enqueueShards, readApiJobData, readShardInput, redisConnection, runWorker } from "@cat-harvest/queue";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";
import { runCommand } from "../src/index.js";

const PASSWORD = "status-pw-7Hq2Lx";
let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis({ password: PASSWORD });
});
afterAll(async () => {
  await redis?.stop();
});

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(argv, { env, stdout: (l) => out.push(l), stderr: (l) => err.push(l), signal: new AbortController().signal });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

async function* shards(count: number): AsyncGenerator<{ index: number; rows: AsyncIterable<ShardRow> }> {
  for (let index = 0; index < count; index++) {
    yield {
      index,
      rows: (async function* () {
        for (let i = 0; i < 3; i++) yield { url: `https://photos.test/${index}/${i}.jpg`, line: index * 3 + i + 1 };
      })(),
    };
  }
}

/** Runs a queue's shards with a worker that reads each shard's rows from storage, until `done` shards finished or failed. */
async function work(queueName: string, storage: StorageAdapter, settled: number): Promise<void> {
  const stop = new AbortController();
  let seen = 0;
  const worker = runWorker({
    connection: redisConnection(redis.url, { password: PASSWORD }),
    queueName,
    process: async (job) => {
      let rows = 0;
      for await (const _ of readShardInput(storage, job.data.inputKey)) rows++;
      return { rows };
    },
    onEvent: (event) => {
      if (event.type === "completed" || (event.type === "failed" && !event.willRetry)) seen++;
      if (seen === settled) stop.abort();
    },
    signal: stop.signal,
  });
  await worker;
}

describe("cat-harvest status --queue", () => {
  test("shows done and parked shards with their reason, with the password from the URL or CAT_HARVEST_REDIS_PASSWORD, and never prints it", async () => {
    const storage = createMemoryStorage();
    const connection = redisConnection(redis.url, { password: PASSWORD });
    await enqueueShards({ connection, queueName: "st", runId: "r1", storage, shards: shards(3), attempts: 1 });
    await storage.delete("_inputs/00002.jsonl.gz");
    await work("st", storage, 3);

    const withEnv = await run(["status", "--queue", redis.url, "--queue-name", "st"], { CAT_HARVEST_REDIS_PASSWORD: PASSWORD });
    expect(withEnv.code).toBe(0);
    expect(withEnv.stdout).toContain(`queue st on redis://127.0.0.1:${redis.port}/0`);
    expect(withEnv.stdout).toContain("shards: 2 done, 0 running, 0 waiting, 1 failed");
    expect(withEnv.stdout).toMatch(/shard 00002 of run r1 after 1 tries: The shard input "_inputs\/00002\.jsonl\.gz" is missing/);

    const inUrl = await run(["status", "--queue", `redis://:${PASSWORD}@127.0.0.1:${redis.port}`, "--queue-name", "st", "--json"]);
    expect(inUrl.code).toBe(0);
    const json = JSON.parse(inUrl.stdout);
    expect(json).toMatchObject({ queue: "st", shards: { done: 2, running: 0, waiting: 0, failed: 1 }, failed: [{ index: 2, runId: "r1", attempts: 1 }] });
    for (const result of [withEnv, inUrl]) expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  }, 60_000);

  test("a wrong or missing password fails with exit 1, naming Redis but not the password", async () => {
    const wrong = await run(["status", "--queue", `redis://:wrong-${PASSWORD}@127.0.0.1:${redis.port}`]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/redis:\/\/127\.0\.0\.1:\d+\/0" could not be reached \(.*\); check .* the password/);
    expect(wrong.stdout + wrong.stderr).not.toContain(PASSWORD);
    const none = await run(["status", "--queue", redis.url]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/NOAUTH|password/i);
  }, 60_000);
});

test("download --queue refuses an archive DEST (one process writes a .tar), before anything is queued", async () => {
  const dir = mkdtempSync(join(tmpdir(), "queue-dest-"));
  writeFileSync(join(dir, "urls.txt"), "https://photos.test/a.jpg\n");
  const result = await run(["download", "--input", join(dir, "urls.txt"), "--out", join(dir, "cats.tar"), "--queue", redis.url]);
  rmSync(dir, { recursive: true, force: true });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/--queue needs --out to be a folder the workers share or s3:\/\/bucket\/prefix/);
  expect(redis.cli("--scan", "--pattern", "bull:cat-harvest:*").trim()).toBe("");
});

test("status shows a harvest's API phase per source: a source that keeps failing is parked with its reason", async () => {
  const connection = redisConnection(redis.url, { password: PASSWORD });
  const jobs = ["Bengal", "Siamese"].map((breed) => ({ source: "thecatapi", apiRoot: null, type: "cat", breed, perBreed: 10, size: "full" }));
  await enqueueApiJobs({ connection, queueName: "hq", runId: "h1", jobs, settings: { out: "/data/cats" }, attempts: 1 });
  const stop = new AbortController();
  let settled = 0;
  const worker = runWorker({
    connection,
    queueName: apiQueueName("hq", "thecatapi"),
    readData: readApiJobData,
    describe: (data) => apiJobLabel(data.source, data.breed),
    signal: stop.signal,
    process: async ({ data }) => {
      if (data.breed === "Siamese") throw new Error("The Cat API refused the key (HTTP 401): check THECATAPI_API_KEY in this worker's environment");
      return { records: 4 };
    },
    onEvent: (event) => {
      if (event.type === "completed" || event.type === "failed") settled++;
      if (settled === 2) stop.abort();
    },
  });
  await worker;
  const status = await run(["status", "--queue", redis.url, "--queue-name", "hq"], { CAT_HARVEST_REDIS_PASSWORD: PASSWORD });
  expect(status.code).toBe(0);
  expect(status.stdout).toContain("API phase, thecatapi (queue hq-api-thecatapi): breeds 1 done, 0 running, 0 waiting, 1 failed");
  expect(status.stdout).toMatch(/thecatapi: Siamese parked after 1 tries: The Cat API refused the key \(HTTP 401\)/);
  expect(status.stdout).toContain("shards: 0 done, 0 running, 0 waiting, 0 failed");
  const json = JSON.parse((await run(["status", "--queue", redis.url, "--queue-name", "hq", "--json"], { CAT_HARVEST_REDIS_PASSWORD: PASSWORD })).stdout);
  expect(json.api.thecatapi).toMatchObject({ shards: { done: 1, failed: 1 }, failed: [{ label: "thecatapi: Siamese", attempts: 1 }] });
}, 60_000);
