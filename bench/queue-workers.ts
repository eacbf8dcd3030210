/**
 * Issue 16's bench: one latency-bound URL list run as shard jobs on a real Redis by 1, 2 and 4
 * worker processes, each with the same small download concurrency, so the emulator's latency
 * (not the CPU) bounds each worker and more workers should mean proportionally more speed.
 *
 * npm run bench:queue -w bench [-- --count 960 --latency 250 --shard-size 40 --concurrency 4 --workers 1,2,4]
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { enqueueShards, queueStatus, redisConnection } from "@cat-harvest/queue";
import { createFsStorage } from "@cat-harvest/storage-fs";
import { startRedis } from "../tooling/test/redis-server.ts";
import { shardRows } from "@cat-harvest/harvest";
import { startEmulatorProcess } from "./src/emulator-process.js";
import { fetchTruth } from "./src/jobs.js";
import { machineInfo } from "./src/machine.js";
import { BENCH_DIR, NODE_BIN_DIR, REPO_DIR } from "./src/paths.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
const { values } = parseArgs({
  options: {
    count: { type: "string", default: "960" },
    latency: { type: "string", default: "250" },
    "shard-size": { type: "string", default: "40" },
    concurrency: { type: "string", default: "4" },
    workers: { type: "string", default: "1,2,4" },
  },
});
const count = Number(values.count);
const shardSize = Number(values["shard-size"]);
const workerCounts = values.workers.split(",").map(Number);

function startWorker(redisUrl: string, queue: string, out: string): { child: ChildProcess; exited: Promise<number | null> } {
  const script = join(BENCH_DIR, "runners/queue-worker.mjs");
  const child = spawn(process.execPath, [script, "--redis", redisUrl, "--queue", queue, "--out", out, "--concurrency", values.concurrency], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { child, exited: new Promise((resolve) => child.once("exit", resolve)) };
}

async function main(): Promise<void> {
  const machine = machineInfo();
  log(`queue bench on ${machine.cpuModel}, ${machine.nproc} cores, node ${machine.node}`);
  // The workers run built dist/ in plain node processes, as a deployment would.
  const built = spawnSync(join(NODE_BIN_DIR, "tsc"), ["-b", "packages/queue", "packages/downloader", "packages/storage-fs", "packages/petfinder-emulator"], {
    cwd: REPO_DIR,
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`tsc -b failed: ${built.stdout}${built.stderr}`);
  const emulator = await startEmulatorProcess({ scale: Math.max(0.05, count / 4000), latencyMs: Number(values.latency), rateLimit: 1_000_000 });
  const redis = await startRedis();
  const urls = (await fetchTruth(emulator.url, "size=small")).slice(0, count).map((row) => row.url);
  if (urls.length < count) throw new Error(`the emulator lists only ${urls.length} small photos; lower --count`);
  const rows: { workers: number; seconds: number; imagesPerSecond: number; speedUp: number }[] = [];
  try {
    for (const workers of workerCounts) {
      const out = await mkdtemp(join(tmpdir(), "queue-bench-"));
      const storage = await createFsStorage({ root: out });
      const queueName = `bench-${workers}`;
      const connection = redisConnection(redis.url);
      // The workers start first and wait on the empty queue: the timing is the run's, not the processes' start-up.
      const processes = Array.from({ length: workers }, () => startWorker(redis.url, queueName, out));
      while ((await queueStatus({ connection, queueName })).workers !== workers) await new Promise((r) => setTimeout(r, 100));
      const started = performance.now();
      await enqueueShards({
        connection,
        queueName,
        runId: queueName,
        storage,
        shards: shardRows(
          urls.map((url, i) => ({ url, line: i + 1 })),
          shardSize,
        ),
      });
      const shards = Math.ceil(count / shardSize);
      while ((await queueStatus({ connection, queueName })).shards.done < shards) await new Promise((r) => setTimeout(r, 100));
      const seconds = (performance.now() - started) / 1000;
      for (const p of processes) p.child.kill("SIGTERM");
      await Promise.all(processes.map((p) => p.exited));
      await storage.close();
      await rm(out, { recursive: true, force: true });
      const imagesPerSecond = count / seconds;
      rows.push({ workers, seconds, imagesPerSecond, speedUp: imagesPerSecond / (rows[0]?.imagesPerSecond ?? imagesPerSecond) });
      log(`  ${workers} worker(s): ${seconds.toFixed(2)} s, ${imagesPerSecond.toFixed(1)} images/s`);
    }
  } finally {
    await redis.stop();
    await emulator.stop();
  }
  const header = `${count} photos in shards of ${shardSize}, emulator latency ${values.latency} ms, ${values.concurrency} downloads at once per worker`;
  process.stdout.write(`${header}\n\n| workers | seconds | images/s | speed-up |\n|---:|---:|---:|---:|\n`);
  for (const r of rows) process.stdout.write(`| ${r.workers} | ${r.seconds.toFixed(2)} | ${r.imagesPerSecond.toFixed(1)} | ${r.speedUp.toFixed(2)}x |\n`);
}

await main();
