// A harvest's API phase as jobs: one queue per source, credential-free job data, a source that
// keeps failing parked with its reason (and queued again by the next enqueue), the request
// ceiling shared in Redis by every process, and Redis restarted mid-phase (last: it restarts
// the file's server).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";
import {
  apiQueueName,
  apiJobLabel,
  enqueueApiJobs,
  openRequestGate,
  queueStatus,
  QueueSecretError,
  readApiJobData,
  redisConnection,
  runWorker,
  type ApiJobSpec,
  type WorkerEvent,
} from "../src/index.js";
import { waitFor } from "./harness.js";

const KEY = "planted-api-key-Hq73Lm";
let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const job = (source: string, breed: string, apiRoot: string | null = null): ApiJobSpec => ({ source, apiRoot, type: "cat", breed, perBreed: 10, size: "full" });

describe("API jobs", () => {
  test("an API root carrying a credential is refused before anything reaches Redis", async () => {
    const connection = redisConnection(redis.url);
    for (const apiRoot of [`https://user:${KEY}@api.example/v5`, `https://api.example/v1?api_key=${KEY}`]) {
      const refused = enqueueApiJobs({ connection, queueName: "refused", runId: "r0", jobs: [job("thecatapi", "Bengal", apiRoot)], secrets: [KEY] });
      await expect(refused).rejects.toSatisfy((e) => QueueSecretError.isInstance(e) && !(e as Error).message.includes(KEY));
    }
    const planted = enqueueApiJobs({
      connection,
      queueName: "refused",
      runId: "r0",
      jobs: [job("thecatapi", "Bengal")],
      settings: { out: `/data/${KEY}` },
      secrets: [KEY],
    });
    await expect(planted).rejects.toSatisfy((e) => QueueSecretError.isInstance(e));
    expect(redis.cli("dbsize").trim()).toBe("0");
  });

  test("each source has its queue; a source that keeps failing is parked with its reason, and the next enqueue queues it again", async () => {
    const connection = redisConnection(redis.url);
    const jobs = [job("good", "Bengal"), job("good", "Siamese"), job("bad", "Bengal")];
    const first = await enqueueApiJobs({ connection, queueName: "phase", runId: "r1", jobs, settings: { out: "/data/ds" }, attempts: 2, backoffMs: 50 });
    expect(first).toMatchObject({ jobs: 3, added: 3, done: 0, queues: { good: "phase-api-good", bad: "phase-api-bad" } });

    const stop = new AbortController();
    const events: WorkerEvent[] = [];
    const seen: string[] = [];
    const worker = (source: string, fail: boolean) =>
      runWorker({
        connection,
        queueName: apiQueueName("phase", source),
        readData: readApiJobData,
        describe: (data) => apiJobLabel(data.source, data.breed),
        signal: stop.signal,
        onEvent: (e) => events.push(e),
        process: async ({ data }) => {
          seen.push(`${data.source}/${data.breed}/${String(data.settings.out)}`);
          if (fail) throw new Error(`${data.source} refused the key (HTTP 401); check the key in this worker's environment`);
          return { records: 3 };
        },
      });
    const running = [worker("good", false), worker("bad", true)];
    await expect.poll(async () => (await queueStatus({ connection, queueName: "phase-api-bad" })).shards.failed, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await queueStatus({ connection, queueName: "phase-api-good" })).shards.done, { timeout: 20_000 }).toBe(2);
    const bad = await queueStatus({ connection, queueName: "phase-api-bad" });
    expect(bad.failed).toEqual([expect.objectContaining({ label: "bad: Bengal", attempts: 2, reason: expect.stringMatching(/refused the key \(HTTP 401\)/) })]);
    expect(events).toContainEqual(expect.objectContaining({ type: "failed", label: "bad: Bengal", willRetry: false }));
    expect(seen.sort()).toEqual(["bad/Bengal//data/ds", "bad/Bengal//data/ds", "good/Bengal//data/ds", "good/Siamese//data/ds"]);

    // --wait's later looks leave it parked; the command's next run queues it again with fresh tries.
    expect(await enqueueApiJobs({ connection, queueName: "phase", runId: "r1", jobs, requeueFailed: false })).toMatchObject({
      done: 2,
      failed: 1,
      requeued: 0,
    });
    expect(await enqueueApiJobs({ connection, queueName: "phase", runId: "r1", jobs })).toMatchObject({ done: 2, requeued: 1, added: 0 });
    await expect.poll(() => seen.length, { timeout: 20_000 }).toBe(5);
    stop.abort();
    await Promise.all(running);
  }, 60_000);

  test("the request gate is one ceiling over every process: three gates together grant at most 2 slots in 400 ms", async () => {
    const connection = redisConnection(redis.url);
    const gates = [1, 2, 3].map(() => openRequestGate(connection, "test:requests", { max: 2, durationMs: 400 }));
    const granted: number[] = [];
    await Promise.all(
      gates.map(async (gate) => {
        for (let i = 0; i < 3; i++) {
          await gate.take();
          granted.push(performance.now());
        }
      }),
    );
    await Promise.all(gates.map((g) => g.close()));
    granted.sort((a, b) => a - b);
    expect(granted).toHaveLength(9);
    for (let i = 2; i < granted.length; i++) expect(granted[i]! - granted[i - 2]!).toBeGreaterThanOrEqual(395);
    // Not slower than the ceiling asks, either: 9 slots a quarter wider than 200 ms each.
    expect(granted.at(-1)! - granted[0]!).toBeLessThan(8 * 250 + 500);
  }, 30_000);
});

const BREEDS = ["Abyssinian", "Bengal", "Birman", "Bombay", "Chartreux", "Korat", "Manx", "Siamese"];
/** The gate's ceiling: 2 requests per 300 ms over every worker (a start every 188 ms with its slack). */
const LIMIT = { max: 2, durationMs: 300 };

test("Redis restarted during the API phase: workers reconnect, each breed is done once, and the request gate still holds", async () => {
  const connection = redisConnection(redis.url);
  const jobs: ApiJobSpec[] = BREEDS.map((breed) => ({ source: "slow", apiRoot: null, type: "cat", breed, perBreed: 10, size: "full" }));
  await enqueueApiJobs({ connection, queueName: "rs", runId: "rs1", jobs, settings: { out: "/data/ds" } });
  const stop = new AbortController();
  const events: WorkerEvent[] = [];
  const requests: number[] = [];
  const gates = [1, 2].map(() => openRequestGate(connection, "rs:requests:slow", LIMIT));
  const workers = gates.map((gate) =>
    runWorker({
      connection,
      queueName: apiQueueName("rs", "slow"),
      readData: readApiJobData,
      describe: (data) => apiJobLabel(data.source, data.breed),
      signal: stop.signal,
      onEvent: (e) => events.push(e),
      // Three "pages" a breed, each behind the shared gate, as a source's client asks.
      process: async (_job, signal) => {
        for (let page = 0; page < 3; page++) {
          await gate.take(signal);
          requests.push(performance.now());
          await new Promise((r) => setTimeout(r, 120));
        }
        return { records: 3, pages: 3 };
      },
    }),
  );
  await waitFor("a first breed done", () => events.some((e) => e.type === "completed"));
  await redis.restart(1500);
  await waitFor(
    "every breed done",
    async () => (await queueStatus({ connection, queueName: apiQueueName("rs", "slow") })).shards.done === BREEDS.length,
    90_000,
  );
  stop.abort();
  const summaries = await Promise.all(workers);
  await Promise.all(gates.map((g) => g.close()));

  // The restart was seen, and waited out.
  expect(events.some((e) => e.type === "error")).toBe(true);
  // Each breed completed once: nothing lost, nothing done twice.
  const completed = events.filter((e) => e.type === "completed").map((e) => e.label);
  expect(completed.sort()).toEqual(BREEDS.map((b) => apiJobLabel("slow", b)).sort());
  expect(summaries.reduce((n, s) => n + s.completed + s.failed, 0)).toBe(BREEDS.length);
  expect((await queueStatus({ connection, queueName: apiQueueName("rs", "slow") })).shards).toEqual({
    done: BREEDS.length,
    running: 0,
    waiting: 0,
    failed: 0,
  });
  // The ceiling over both workers held before and after the restart: never 3 starts within 300 ms.
  requests.sort((a, b) => a - b);
  expect(requests.length).toBeGreaterThanOrEqual(BREEDS.length * 3);
  for (let i = LIMIT.max; i < requests.length; i++) expect(requests[i]! - requests[i - LIMIT.max]!).toBeGreaterThanOrEqual(LIMIT.durationMs - 5);
}, 120_000);
