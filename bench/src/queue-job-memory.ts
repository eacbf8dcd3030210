import type { TestRedis } from "../../tooling/test/redis-server.ts";
import { runMeasured } from "./measure.js";
import { CAT_HARVEST_CLI } from "./paths.js";
import { startWorkerProcess } from "./queue-worker-process.js";
import { redisInfoNumber } from "./redis-info.js";

/** Redis memory per shard job, queued and finished (INFO memory's used_memory, no worker connected at either reading). */
export interface JobMemory {
  jobs: number;
  queuedBytesPerJob: number;
  finishedBytesPerJob: number;
  enqueueSec: number;
  runSec: number;
}

export interface JobMemoryOptions {
  readonly redis: TestRedis;
  readonly listPath: string;
  /** An empty DEST folder. */
  readonly out: string;
  /** Rows in the list: one shard job each. */
  readonly jobs: number;
  readonly env: NodeJS.ProcessEnv;
}

const usedMemory = (redis: TestRedis) => redisInfoNumber(redis, "memory", "used_memory");

/**
 * Enqueues the list with `--shard-size 1` (a job per row, the same job data and result as a
 * 10,000-row shard's) into an idle queue, reads Redis's memory, runs every job with 4 workers
 * of 8 shards at once, stops them and reads it again.
 */
export async function measureJobMemory(o: JobMemoryOptions): Promise<JobMemory> {
  const queueName = "bench-memory";
  const flags = ["--input", o.listPath, "--out", o.out, "--format", "webdataset", "--shard-size", "1", "--queue", o.redis.url, "--queue-name", queueName];
  const empty = usedMemory(o.redis);
  const enqueue = await runMeasured(process.execPath, [CAT_HARVEST_CLI, "download", ...flags, "--no-report", "--json"], { env: o.env, timeoutSec: 900 });
  if (enqueue.exitCode !== 0) throw new Error(`the memory enqueue exited ${enqueue.exitCode}: ${enqueue.stderr.slice(-2000)}`);
  const queued = usedMemory(o.redis);
  const done = new Set<number>();
  const started = performance.now();
  let allDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  const workers = Array.from({ length: 4 }, () =>
    startWorkerProcess({
      redisUrl: o.redis.url,
      queueName,
      concurrency: 1,
      shards: 8,
      env: o.env,
      onShard: (event, index) => event === "done" && done.add(index) && done.size === o.jobs && allDone(),
    }),
  );
  await finished;
  const runSec = (performance.now() - started) / 1000;
  for (const w of workers) w.stop();
  await Promise.all(workers.map((w) => w.exited));
  return {
    jobs: o.jobs,
    queuedBytesPerJob: (queued - empty) / o.jobs,
    finishedBytesPerJob: (usedMemory(o.redis) - empty) / o.jobs,
    enqueueSec: enqueue.wallSec,
    runSec,
  };
}
