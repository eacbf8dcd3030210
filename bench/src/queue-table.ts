import type { JobMemory } from "./queue-job-memory.js";
import type { QueueRunResult } from "./queue-run.js";

/** One row of the queue bench: a queued run with its settings and the result of its check. */
export interface QueueRow {
  format: string;
  dest: "folder" | "s3rver";
  workers: number;
  photos: number;
  shards: number;
  /** The most photos/s the latency allows: workers x concurrency / latency. */
  boundPerSec: number;
  run: QueueRunResult;
  /** Photos/s of the 1-worker row of the same format and DEST, for the speed-up. */
  onePerSec?: number;
  /** "same N files as one process", or what differs. */
  check: string;
}

const f = (n: number, digits = 1) => n.toFixed(digits);

/** The markdown table: wall time, photos/s, speed-up, CPU and load per run, and its check. */
export function queueTable(rows: readonly QueueRow[], cores: number): string {
  const head =
    "| format | DEST | workers | seconds | photos/s | speed-up | of latency bound | first shard s | finish s | workers CPU s | enqueue CPU s | CDN + Redis CPU s | bench's CPU share | machine busy | load 1 min | Redis cmds / shard | shards per worker | check |\n" +
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|";
  const lines = rows.map((row) => {
    const r = row.run;
    const perSec = row.photos / r.seconds;
    const cdnRedis = r.cdnCpuSec + r.redisCpuSec + (r.s3CpuSec ?? 0);
    // Every process of the run (workers, enqueue, CDN, Redis, S3) against what the cores could give over its wall time.
    const share = (100 * (r.workersCpuSec + r.enqueue.userSec + r.enqueue.sysSec + cdnRedis)) / (r.seconds * cores);
    return [
      row.format,
      row.dest,
      row.workers,
      f(r.seconds, 2),
      f(perSec),
      row.onePerSec ? `${f(perSec / row.onePerSec, 2)}x` : "–",
      `${f((100 * perSec) / row.boundPerSec, 0)}%`,
      f(r.firstShardSec),
      f(r.finish.wallSec),
      f(r.workersCpuSec),
      f(r.enqueue.userSec + r.enqueue.sysSec),
      `${f(cdnRedis)}${r.s3CpuSec !== undefined ? ` (S3 ${f(r.s3CpuSec)})` : ""}`,
      `${f(share, 0)}%`,
      `${f(r.machineBusyPct, 0)}%`,
      `${f(r.loadBefore[0]!)} → ${f(r.loadAfter[0]!)}`,
      f(r.redisCommands / row.shards, 0),
      r.shardsPerWorker.join("/"),
      row.check,
    ].join(" | ");
  });
  return [head, ...lines.map((l) => `| ${l} |`)].join("\n");
}

/** The S3 requests of each s3rver row, per shard. */
export function s3Lines(rows: readonly QueueRow[]): string[] {
  return rows
    .filter((row) => row.run.counted)
    .map((row) => {
      const per = (counts: Record<string, number>) =>
        Object.entries(counts)
          .filter(([kind]) => !kind.includes(" "))
          .map(([kind, n]) => `${kind} ${n} (${f(n / row.shards, 2)}/shard)`)
          .join(", ");
      return `S3 requests, ${row.format} with ${row.workers} workers, ${row.shards} shards: enqueue and workers: ${per(row.run.counted!.running)}; finishing run: ${per(row.run.counted!.finishing)}`;
    });
}

/** The Redis memory line. */
export function memoryLine(m: JobMemory): string {
  return `Redis memory (INFO used_memory, no worker connected): ${m.jobs} jobs queued ${f(m.queuedBytesPerJob / 1024, 2)} KB per job, finished ${f(m.finishedBytesPerJob / 1024, 2)} KB per job (enqueue ${f(m.enqueueSec)} s, run by 4 workers of 8 shards at once in ${f(m.runSec)} s)`;
}
