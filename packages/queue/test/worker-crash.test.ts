import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFsStorage } from "@cat-harvest/storage-fs";
import { Queue } from "bullmq";
import { afterAll, beforeAll, expect, test } from "vitest";
import { enqueueShards, queueStatus, redisConnection, shardInputKey, writeShardInput } from "../src/index.js";
import { downloadShardProcessor, planOf } from "./download-shard.js";
import { datasetFingerprint, photoList, shardsOf, waitFor, type PhotoList } from "./harness.js";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";
import { startWorkerProcess, type WorkerProcess } from "./worker-process.js";

let redis: TestRedis;
let list: PhotoList;
const folders: string[] = [];
const processes: WorkerProcess[] = [];
const LOCKS = { lockDurationMs: 1500, stalledIntervalMs: 500 };

beforeAll(async () => {
  redis = await startRedis();
  list = await photoList(30, 150); // 150 ms a request: a shard of 10 takes about 0.4 s or more
});
afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  await list?.emulator.stop();
  await redis?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "queue-crash-"));
  folders.push(dir);
  return dir;
}

async function oneProcessRun(shardSize: number) {
  const alone = await createFsStorage({ root: folder() });
  for await (const shard of shardsOf(list.urls, shardSize)) {
    await writeShardInput(alone, shard.index, shard.rows);
    const data = { version: 1 as const, runId: "alone", index: shard.index, inputKey: shardInputKey(shard.index), settings: {} };
    await downloadShardProcessor(alone, await planOf(list.urls, shardSize))({ id: "alone", attempt: 1, data }, new AbortController().signal);
  }
  const fingerprint = await datasetFingerprint(alone);
  await alone.close();
  return fingerprint;
}

test("a worker killed with kill -9 mid-shard: another worker finishes its shard, and the data set equals a one-process run's", async () => {
  const root = folder();
  const connection = redisConnection(redis.url);
  const storage = await createFsStorage({ root });
  await enqueueShards({ connection, queueName: "crash", runId: "crash", storage, shards: shardsOf(list.urls, 10) });
  const victim = startWorkerProcess({ redisUrl: redis.url, root, queueName: "crash", plan: await planOf(list.urls, 10), ...LOCKS });
  processes.push(victim);
  await waitFor("the victim downloading a shard", () => victim.events.filter((e) => e.type === "row").length >= 3);
  victim.child.kill("SIGKILL");
  expect(await victim.exited).toBe(null);
  const killedShard = victim.events.find((e) => e.type === "started")!.index;
  expect(victim.events.some((e) => e.type === "completed" && e.index === killedShard)).toBe(false);

  const survivor = startWorkerProcess({ redisUrl: redis.url, root, queueName: "crash", plan: await planOf(list.urls, 10), ...LOCKS });
  processes.push(survivor);
  await waitFor("3 shards done", async () => (await queueStatus({ connection, queueName: "crash" })).shards.done === 3, 60_000);
  expect(survivor.events.some((e) => e.type === "completed" && e.index === killedShard)).toBe(true);
  survivor.child.kill("SIGTERM");
  expect(await survivor.exited).toBe(0);

  // Each shard was started once, but the killed one twice: by the victim and by the survivor.
  const starts = [...victim.events, ...survivor.events].filter((e) => e.type === "started").map((e) => e.index as number);
  expect(starts.sort()).toEqual([0, 1, 2, killedShard].sort());
  const status = await queueStatus({ connection, queueName: "crash" });
  expect(status.shards).toEqual({ done: 3, running: 0, waiting: 0, failed: 0 });
  const queued = await datasetFingerprint(storage);
  expect(queued).toEqual(await oneProcessRun(10));
  expect(queued.keys.filter((k) => k.endsWith(".jpg"))).toHaveLength(30);
  await storage.close();
}, 120_000);

test("SIGTERM stops a worker mid-shard: its shard goes back to the queue without using a try, and the process exits 0", async () => {
  const root = folder();
  const connection = redisConnection(redis.url);
  const storage = await createFsStorage({ root });
  await enqueueShards({ connection, queueName: "term", runId: "term", storage, shards: shardsOf(list.urls, 30) });
  const worker = startWorkerProcess({ redisUrl: redis.url, root, queueName: "term", plan: await planOf(list.urls, 30), ...LOCKS });
  processes.push(worker);
  await waitFor("the worker downloading", () => worker.events.filter((e) => e.type === "row").length >= 3);
  worker.child.kill("SIGTERM");
  expect(await worker.exited).toBe(0);
  expect(worker.events.map((e) => e.type)).toContain("requeued");
  expect(worker.events.at(-1)).toMatchObject({ type: "stopped", summary: { completed: 0, failed: 0, requeued: 1 } });
  const queue = new Queue("term", { connection: { ...connection } });
  const job = await queue.getJob("term-00000");
  expect([await job!.getState(), job!.attemptsMade]).toEqual(["waiting", 0]);
  await queue.close();
  expect(await storage.stat("_shards/00000_stats.json")).toBe(null);
  await storage.close();
}, 60_000);
