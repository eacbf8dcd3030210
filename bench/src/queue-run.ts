import { loadavg } from "node:os";
import { queueStatus, redisConnection } from "@cat-harvest/queue";
import type { TestRedis } from "../../tooling/test/redis-server.ts";
import type { EmulatorProcess } from "./emulator-process.js";
import { runMeasured, machineCpuTicks, procCpuSeconds, type ProcessCost } from "./measure.js";
import { CAT_HARVEST_CLI } from "./paths.js";
import { startWorkerProcess, type WorkerProcess } from "./queue-worker-process.js";
import { redisInfoNumber } from "./redis-info.js";

/** One run of a list through the queue: `download --queue`, N `worker` processes, `download --queue` again to finish. */
export interface QueueRunOptions {
  readonly format: string;
  readonly workers: number;
  /** Photo downloads at once in each worker. */
  readonly concurrency: number;
  readonly shardSize: number;
  /** The shards the plan makes of the list (the reference run's count). */
  readonly shards: number;
  readonly listPath: string;
  /** DEST: a folder or s3://bucket/prefix. */
  readonly out: string;
  readonly queueName: string;
  readonly redis: TestRedis;
  readonly cdn: EmulatorProcess;
  /** The S3 server's process, when DEST is on it: its CPU is counted like the CDN's. */
  readonly s3?: EmulatorProcess;
  readonly env: NodeJS.ProcessEnv;
  /** Counters read before the enqueue, once the last shard is done and after the finishing run (the S3 server's requests). */
  readonly counters?: () => Promise<Record<string, number>>;
}

/** What one queued run took and whether it finished whole. */
export interface QueueRunResult {
  /** From spawning the enqueue (workers already idle on the queue) to the last `shard N done`. */
  seconds: number;
  /** From spawning the enqueue to the first `shard N started`: the enqueue's start-up and plan, before any worker has work. */
  firstShardSec: number;
  enqueue: ProcessCost;
  finish: ProcessCost;
  /** CPU seconds the workers used between the enqueue's spawn and the last shard done. */
  workersCpuSec: number;
  cdnCpuSec: number;
  redisCpuSec: number;
  s3CpuSec?: number;
  /** The whole machine's busy share of its cores over the same span (every process, others' too), %. */
  machineBusyPct: number;
  loadBefore: number[];
  loadAfter: number[];
  /** Commands Redis processed over the same span (the enqueue's, the workers' and their idle polling). */
  redisCommands: number;
  /** The counters' growth while the shards ran (enqueue and workers), and during the finishing run. */
  counted?: { running: Record<string, number>; finishing: Record<string, number> };
  /** Shards each worker finished. */
  shardsPerWorker: number[];
  /** The workers' exit codes after SIGTERM (0 expected). */
  workerExits: (number | string)[];
  /** The queue's own count once the last shard is done. */
  status: { done: number; running: number; waiting: number; failed: number };
}

function cli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessCost> {
  return runMeasured(process.execPath, [CAT_HARVEST_CLI, ...args], { env, timeoutSec: 900 });
}

function enqueueArgs(o: QueueRunOptions): string[] {
  const flags = ["--input", o.listPath, "--out", o.out, "--format", o.format, "--shard-size", String(o.shardSize)];
  return ["download", ...flags, "--queue", o.redis.url, "--queue-name", o.queueName, "--no-report", "--json"];
}

async function waitForIdleWorkers(o: QueueRunOptions, workers: readonly WorkerProcess[]): Promise<void> {
  const connection = redisConnection(o.redis.url);
  const deadline = Date.now() + 120_000;
  while ((await queueStatus({ connection, queueName: o.queueName })).workers !== o.workers) {
    if (Date.now() > deadline) throw new Error(`the ${o.workers} workers did not connect within 120 s: ${workers.flatMap((w) => w.stderr).join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Resolves when the workers have logged `shard N done` for `shards` distinct shards; rejects when a worker exits first. */
function allShardsDone(shards: number, workers: readonly WorkerProcess[], done: Set<number>, settle: { resolve?: () => void }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    settle.resolve = () => done.size >= shards && resolve();
    for (const w of workers)
      void w.exited.then((code) => reject(new Error(`a worker exited (${code}) before every shard was done: ${w.stderr.slice(-5).join("\n")}`)));
  });
}

async function cpuOf(o: QueueRunOptions, workers: readonly WorkerProcess[], redisPid: number) {
  const perWorker = await Promise.all(workers.map((w) => w.cpuSeconds()));
  return {
    workers: perWorker.reduce((a, b) => a + b, 0),
    cdn: await o.cdn.cpuSeconds(),
    redis: await procCpuSeconds(redisPid),
    s3: o.s3 ? await o.s3.cpuSeconds() : 0,
    machine: await machineCpuTicks(),
    redisCommands: redisInfoNumber(o.redis, "stats", "total_commands_processed"),
  };
}

/**
 * Starts the workers and waits until all are connected and idle (their start-up is not timed: a
 * deployment starts its workers once), then spawns the enqueue and times until the last shard is
 * done; stops the workers (SIGTERM) and runs the enqueue command again, which finishes the data set.
 */
export async function runQueued(o: QueueRunOptions): Promise<QueueRunResult> {
  const done = new Set<number>();
  const settle: { resolve?: () => void } = {};
  let firstStart = Number.NaN;
  let lastDone = Number.NaN;
  const workers = Array.from({ length: o.workers }, () =>
    startWorkerProcess({
      redisUrl: o.redis.url,
      queueName: o.queueName,
      concurrency: o.concurrency,
      env: o.env,
      onShard(event, index, at) {
        if (event === "started" && Number.isNaN(firstStart)) firstStart = at;
        if (event !== "done") return;
        done.add(index);
        lastDone = at;
        settle.resolve?.();
      },
    }),
  );
  try {
    await waitForIdleWorkers(o, workers);
    const redisPid = redisInfoNumber(o.redis, "server", "process_id");
    const finished = allShardsDone(o.shards, workers, done, settle);
    finished.catch(() => {}); // awaited below; a worker that dies meanwhile must not end the bench unhandled
    const loadBefore = loadavg();
    const before = await cpuOf(o, workers, redisPid);
    const counted0 = await o.counters?.();
    const started = performance.now();
    const enqueue = await cli(enqueueArgs(o), o.env);
    if (enqueue.exitCode !== 0) throw new Error(`the enqueue exited ${enqueue.exitCode}: ${enqueue.stderr.slice(-2000)}`);
    await finished;
    const after = await cpuOf(o, workers, redisPid);
    const counted1 = await o.counters?.();
    const loadAfter = loadavg();
    const { shards: status } = await queueStatus({ connection: redisConnection(o.redis.url), queueName: o.queueName });
    for (const w of workers) w.stop();
    const workerExits = await Promise.all(workers.map((w) => w.exited));
    const finish = await cli(enqueueArgs(o), o.env);
    if (finish.exitCode !== 0) throw new Error(`the finishing run exited ${finish.exitCode}: ${finish.stderr.slice(-2000)}`);
    const counted2 = await o.counters?.();
    return {
      seconds: (lastDone - started) / 1000,
      firstShardSec: (firstStart - started) / 1000,
      enqueue,
      finish,
      workersCpuSec: after.workers - before.workers,
      cdnCpuSec: after.cdn - before.cdn,
      redisCpuSec: after.redis - before.redis,
      ...(o.s3 ? { s3CpuSec: after.s3 - before.s3 } : {}),
      machineBusyPct: (100 * (after.machine.busy - before.machine.busy)) / (after.machine.total - before.machine.total),
      loadBefore,
      loadAfter,
      redisCommands: after.redisCommands - before.redisCommands,
      shardsPerWorker: workers.map((w) => w.done.length),
      workerExits,
      status,
      ...(counted0 && counted1 && counted2 ? { counted: { running: growth(counted0, counted1), finishing: growth(counted1, counted2) } } : {}),
    };
  } finally {
    for (const w of workers) w.stop();
    await Promise.all(workers.map((w) => w.exited));
  }
}

function growth(from: Record<string, number>, to: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(to).flatMap(([name, n]) => (n - (from[name] ?? 0) > 0 ? [[name, n - (from[name] ?? 0)]] : [])));
}
