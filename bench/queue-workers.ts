/**
 * Issue 16's bench, on the product: one latency-bound URL list (the bulk CDN, in its own process,
 * with a fixed latency) downloaded by `cat-harvest download --queue` and 1, 2 and 4
 * `cat-harvest worker` processes (the apps/cli bundle) on a real redis-server, into a folder and
 * once into s3rver; every run's data set is checked against a one-process `download` of the
 * same list, and Redis's memory per job is read from INFO memory.
 *
 * npm run bench:queue -w bench [-- --count 960 --latency 250 --shard-size 40 --concurrency 4 --workers 1,2,4
 *                                  --formats webdataset,files --s3-workers 4 --memory-jobs 960]
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startRedis, type TestRedis } from "../tooling/test/redis-server.ts";
import { buildProjects } from "./src/build.js";
import { digestDataset } from "./src/dataset-digest.js";
import { startServerProcess, type EmulatorProcess } from "./src/emulator-process.js";
import { machineInfo, type MachineInfo } from "./src/machine.js";
import { BENCH_DIR, NODE_BIN_DIR, REPO_DIR } from "./src/paths.js";
import { measureJobMemory } from "./src/queue-job-memory.js";
import { checkQueuedRun, referenceRun, type Reference } from "./src/queue-reference.js";
import { runQueued, type QueueRunResult } from "./src/queue-run.js";
import { memoryLine, queueTable, s3Lines, type QueueRow } from "./src/queue-table.js";
import { writeUrlList } from "./src/url-list.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
const { values } = parseArgs({
  options: {
    count: { type: "string", default: "960" },
    latency: { type: "string", default: "250" },
    "shard-size": { type: "string", default: "40" },
    concurrency: { type: "string", default: "4" },
    workers: { type: "string", default: "1,2,4" },
    formats: { type: "string", default: "webdataset,files" },
    "s3-workers": { type: "string", default: "4" },
    "memory-jobs": { type: "string", default: "960" },
  },
});
const count = Number(values.count);
const latencyMs = Number(values.latency);
const concurrency = Number(values.concurrency);
const shardSize = Number(values["shard-size"]);
const CDN_SEED = 1;
const S3_BUCKET = "bench";

function build(): void {
  const built = spawnSync(join(NODE_BIN_DIR, "tsc"), ["-b", "packages/queue", "packages/emulator-kit", "packages/storage-s3"], {
    cwd: REPO_DIR,
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`tsc -b failed: ${built.stdout}${built.stderr}`);
  if (!buildProjects(log).get("apps/cli")) throw new Error("apps/cli has no bundle to run");
}

const runner = (name: string) => join(BENCH_DIR, "runners", name);

/** What every step of the bench shares. */
interface Bench {
  readonly work: string;
  readonly listPath: string;
  readonly env: NodeJS.ProcessEnv;
  readonly redis: TestRedis;
  readonly cdn: EmulatorProcess;
  readonly rows: QueueRow[];
}

function queueRow(b: Bench, format: string, dest: QueueRow["dest"], workers: number, run: QueueRunResult, check: string, shards: number): QueueRow {
  const one = b.rows.find((r) => r.format === format && r.dest === dest && r.workers === 1);
  return {
    format,
    dest,
    workers,
    photos: count,
    shards,
    boundPerSec: (workers * concurrency * 1000) / latencyMs,
    run,
    check,
    ...(one ? { onePerSec: count / one.run.seconds } : {}),
  };
}

/** One format: the one-process reference, then each worker count into a folder, checked against it. */
async function benchFormat(b: Bench, format: string): Promise<Reference> {
  const ref = await referenceRun({ format, listPath: b.listPath, out: join(b.work, `${format}-alone`), shardSize, env: b.env, seed: CDN_SEED });
  log(
    `  ${format}, one process at concurrency 64: ${ref.seconds.toFixed(2)} s, ${ref.digest.files.size} files, ${ref.truth.stored}/${ref.truth.rows} rows stored`,
  );
  for (const workers of values.workers.split(",").map(Number)) {
    const out = join(b.work, `${format}-${workers}`);
    const queueName = `bench-${format}-${workers}`;
    const run = await runQueued({
      format,
      workers,
      concurrency,
      shardSize,
      shards: ref.shards,
      listPath: b.listPath,
      out,
      queueName,
      redis: b.redis,
      cdn: b.cdn,
      env: b.env,
    });
    const check = checkQueuedRun(run, ref, await digestDataset(out));
    b.rows.push(queueRow(b, format, "folder", workers, run, check, ref.shards));
    log(`  ${format}, ${workers} worker(s): ${run.seconds.toFixed(2)} s, ${(count / run.seconds).toFixed(1)} photos/s; ${check}`);
    await rm(out, { recursive: true, force: true });
  }
  return ref;
}

/** One webdataset run into s3rver (behind its counting proxy), checked against the folder reference. */
async function benchS3(b: Bench, workers: number, ref: Reference): Promise<void> {
  const s3Dir = join(b.work, "s3rver");
  await mkdir(s3Dir);
  const s3 = await startServerProcess([runner("s3rver-counted.mjs"), s3Dir, S3_BUCKET]);
  try {
    const env = { ...b.env, AWS_ENDPOINT_URL: s3.url, AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", AWS_REGION: "us-east-1" };
    const counters = async () => (await (await fetch(`${s3.url}/_emulator/stats`)).json()) as Record<string, number>;
    const prefix = `webdataset-${workers}`;
    const out = `s3://${S3_BUCKET}/${prefix}`;
    const queueName = `bench-s3-${workers}`;
    const shards = ref.shards;
    const run = await runQueued({
      format: "webdataset",
      workers,
      concurrency,
      shardSize,
      shards,
      listPath: b.listPath,
      out,
      queueName,
      redis: b.redis,
      cdn: b.cdn,
      s3,
      env,
      counters,
    });
    const check = checkQueuedRun(run, ref, await digestDataset(join(s3Dir, S3_BUCKET, prefix), { s3rver: true }));
    b.rows.push(queueRow(b, "webdataset", "s3rver", workers, run, check, ref.shards));
    log(`  webdataset into s3rver, ${workers} workers: ${run.seconds.toFixed(2)} s; ${check}`);
  } finally {
    await s3.stop();
  }
}

/** Redis's memory per job, queued and finished, over `jobs` one-row shards. */
async function benchMemory(b: Bench, jobs: number): Promise<string> {
  const listPath = join(b.work, "memory-urls.txt");
  await writeUrlList(listPath, b.cdn.url, jobs, "txt");
  const line = memoryLine(await measureJobMemory({ redis: b.redis, listPath, out: join(b.work, "memory"), jobs, env: b.env }));
  log(`  ${line}`);
  return line;
}

async function writeResults(startedAt: Date, machine: MachineInfo, loadAtStart: number[], rows: readonly QueueRow[], memory: string): Promise<void> {
  const header = [
    `Run: ${startedAt.toISOString()}, on ${machine.cpuModel}, ${machine.nproc} cores, node ${machine.node}; load average ${loadAtStart.map((l) => l.toFixed(1)).join("/")} at the start, ${loadavg()
      .map((l) => l.toFixed(1))
      .join("/")} at the end.`,
    `${count} photos of the bulk CDN (about 1.3 KB each) in shards of ${shardSize}, CDN latency ${latencyMs} ms on every photo, ${concurrency} downloads at once per worker.`,
  ];
  const md = [...header, "", queueTable(rows, machine.nproc), "", ...s3Lines(rows), ...(memory ? [memory] : [])].join("\n");
  process.stdout.write(`${md}\n`);
  const stamp = startedAt.toISOString().slice(0, 16).replace(/[-:]/g, "");
  await writeFile(join(BENCH_DIR, "results", `queue-${stamp}.md`), `${md}\n`);
  await writeFile(
    join(BENCH_DIR, "results", `queue-${stamp}.json`),
    `${JSON.stringify({ date: startedAt, machine, options: values, rows, memory }, null, 2)}\n`,
  );
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const startedAt = new Date();
  const loadAtStart = loadavg();
  log(`queue bench on ${machine.cpuModel}, ${machine.nproc} cores, node ${machine.node}`);
  build();
  const work = await mkdtemp(join(tmpdir(), "queue-bench-"));
  const cdn = await startServerProcess([runner("bulk-cdn.mjs"), "--seed", String(CDN_SEED), "--latency-ms", String(latencyMs)]);
  const redis = await startRedis();
  const b: Bench = {
    work,
    listPath: join(work, "urls.txt"),
    env: { PATH: process.env.PATH ?? "", TMPDIR: work, HOME: process.env.HOME ?? work },
    redis,
    cdn,
    rows: [],
  };
  let memory = "";
  try {
    await writeUrlList(b.listPath, cdn.url, count, "txt");
    const references = new Map<string, Reference>();
    for (const format of values.formats.split(",")) references.set(format, await benchFormat(b, format));
    const s3Workers = Number(values["s3-workers"]);
    const webdataset = references.get("webdataset");
    if (s3Workers > 0 && webdataset) await benchS3(b, s3Workers, webdataset);
    const memoryJobs = Number(values["memory-jobs"]);
    if (memoryJobs > 0) memory = await benchMemory(b, memoryJobs);
  } finally {
    await redis.stop();
    await cdn.stop();
    await rm(work, { recursive: true, force: true });
  }
  await writeResults(startedAt, machine, loadAtStart, b.rows, memory);
}

await main();
