// A harvest's API phase while Redis restarts: the workers wait and reconnect, every breed's job
// is done once, and the shared request gate (its state in Redis) still spaces the requests.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startRedis, type TestRedis } from "../../../tooling/test/redis-server.ts";
import {
  apiJobLabel,
  apiQueueName,
  enqueueApiJobs,
  openRequestGate,
  queueStatus,
  readApiJobData,
  redisConnection,
  runWorker,
  type ApiJobSpec,
  type WorkerEvent,
} from "../src/index.js";
import { waitFor } from "./harness.js";

const BREEDS = ["Abyssinian", "Bengal", "Birman", "Bombay", "Chartreux", "Korat", "Manx", "Siamese"];
/** The gate's ceiling: 2 requests per 300 ms over every worker (a start every 188 ms with its slack). */
const LIMIT = { max: 2, durationMs: 300 };

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

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
