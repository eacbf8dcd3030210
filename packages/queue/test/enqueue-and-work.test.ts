import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFsStorage } from "@cat-harvest/storage-fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { enqueueShards, queueStatus, redisConnection, runWorker, type WorkerEvent } from "../src/index.js";
import { downloadShardProcessor, planOf } from "./download-shard.js";
import { datasetFingerprint, photoList, shardsOf, waitFor, type PhotoList } from "./harness.js";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";

let redis: TestRedis;
let list: PhotoList;
const folders: string[] = [];

beforeAll(async () => {
  redis = await startRedis();
  list = await photoList(24, 20);
});
afterAll(async () => {
  await list?.emulator.stop();
  await redis?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "queue-run-"));
  folders.push(dir);
  return dir;
}

describe("shards as BullMQ jobs", () => {
  test("two workers share a run's shards; the data set equals a one-process run's; a re-enqueue adds nothing", async () => {
    const connection = redisConnection(redis.url);
    const storage = await createFsStorage({ root: folder() });
    const summary = await enqueueShards({
      connection,
      queueName: "flow",
      runId: "run1",
      storage,
      shards: shardsOf(list.urls, 5),
      settings: { format: "files" },
    });
    expect(summary).toMatchObject({ shards: 5, rows: 24, added: 5, requeued: 0, done: 0, pending: 0 });

    const plan = await planOf(list.urls, 5);
    const stop = new AbortController();
    const events: WorkerEvent[] = [];
    const workers = [1, 2].map(() =>
      runWorker({ connection, queueName: "flow", process: downloadShardProcessor(storage, plan), signal: stop.signal, onEvent: (e) => events.push(e) }),
    );
    await waitFor("5 shards done", async () => (await queueStatus({ connection, queueName: "flow" })).shards.done === 5);
    const status = await queueStatus({ connection, queueName: "flow" });
    stop.abort();
    const summaries = await Promise.all(workers);

    expect(summaries.reduce((n, s) => n + s.completed, 0)).toBe(5);
    expect(status.shards).toEqual({ done: 5, running: 0, waiting: 0, failed: 0 });
    expect(status.workers).toBe(2);
    expect(status.shardsPerMinute).toBeGreaterThan(0);
    expect(status.etaSeconds).toBe(0);
    expect(
      events
        .filter((e) => e.type === "started")
        .map((e) => (e as { index: number }).index)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4]);

    // The same shards processed in one process, with no queue, give the same rows and keys.
    const alone = await createFsStorage({ root: folder() });
    for await (const shard of shardsOf(list.urls, 5)) {
      const { writeShardInput, shardInputKey } = await import("../src/index.js");
      await writeShardInput(alone, shard.index, shard.rows);
      await downloadShardProcessor(alone, plan)(
        { id: "x", attempt: 1, data: { version: 1, runId: "run1", index: shard.index, inputKey: shardInputKey(shard.index), settings: {} } },
        new AbortController().signal,
      );
    }
    const [queued, single] = [await datasetFingerprint(storage), await datasetFingerprint(alone)];
    expect(queued.rows.split("\n").filter(Boolean)).toHaveLength(24);
    expect(queued).toEqual(single);

    const again = await enqueueShards({ connection, queueName: "flow", runId: "run1", storage, shards: shardsOf(list.urls, 5), settings: { format: "files" } });
    expect(again).toMatchObject({ shards: 5, rows: 24, added: 0, requeued: 0, done: 5, pending: 0 });
    await storage.close();
    await alone.close();
  }, 90_000);

  test("a shard that keeps failing is parked with its reason, the others go on, and re-running the enqueue retries it", async () => {
    const connection = redisConnection(redis.url);
    const storage = await createFsStorage({ root: folder() });
    await enqueueShards({ connection, queueName: "parked", runId: "run2", storage, shards: shardsOf(list.urls, 8), attempts: 2, backoffMs: 50 });
    await storage.delete("_inputs/00001.jsonl.gz"); // shard 1's rows are gone: every try fails
    const stop = new AbortController();
    const events: WorkerEvent[] = [];
    const worker = runWorker({
      connection,
      queueName: "parked",
      process: downloadShardProcessor(storage, await planOf(list.urls, 8)),
      signal: stop.signal,
      onEvent: (e) => events.push(e),
    });
    await waitFor("2 done and 1 parked", async () => {
      const { shards } = await queueStatus({ connection, queueName: "parked" });
      return shards.done === 2 && shards.failed === 1;
    });
    const status = await queueStatus({ connection, queueName: "parked" });
    expect(status.failed).toEqual([
      expect.objectContaining({
        runId: "run2",
        index: 1,
        attempts: 2,
        reason: expect.stringMatching(/_inputs\/00001\.jsonl\.gz" is missing .*re-run the enqueue command/),
      }),
    ]);
    expect(events.filter((e) => e.type === "failed").map((e) => (e as { willRetry: boolean }).willRetry)).toEqual([true, false]);

    const again = await enqueueShards({ connection, queueName: "parked", runId: "run2", storage, shards: shardsOf(list.urls, 8), attempts: 2, backoffMs: 50 });
    expect(again).toMatchObject({ added: 0, requeued: 1, done: 2 });
    await waitFor("3 done", async () => (await queueStatus({ connection, queueName: "parked" })).shards.done === 3);
    expect((await queueStatus({ connection, queueName: "parked" })).shards).toEqual({ done: 3, running: 0, waiting: 0, failed: 0 });
    stop.abort();
    expect(await worker).toEqual({ completed: 3, failed: 1, requeued: 0 });
    expect((await datasetFingerprint(storage)).rows.split("\n").filter(Boolean)).toHaveLength(24);
    await storage.close();
  }, 90_000);
});
