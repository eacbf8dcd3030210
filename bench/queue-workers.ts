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
import { startRedis } from "../tooling/test/redis-server.ts";
import { buildProjects } from "./src/build.js";
import { digestDataset } from "./src/dataset-digest.js";
import { startServerProcess, type EmulatorProcess } from "./src/emulator-process.js";
import { machineInfo } from "./src/machine.js";
import { BENCH_DIR, NODE_BIN_DIR, REPO_DIR } from "./src/paths.js";
import { measureJobMemory } from "./src/queue-job-memory.js";
import { checkQueuedRun, referenceRun, type Reference } from "./src/queue-reference.js";
import { runQueued } from "./src/queue-run.js";
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

async function main(): Promise<void> {
  const machine = machineInfo();
  const startedAt = new Date();
  const loadAtStart = loadavg();
  log(`queue bench on ${machine.cpuModel}, ${machine.nproc} cores, node ${machine.node}`);
  build();
  const work = await mkdtemp(join(tmpdir(), "queue-bench-"));
  const cdn = await startServerProcess([runner("bulk-cdn.mjs"), "--seed", String(CDN_SEED), "--latency-ms", String(latencyMs)]);
  const redis = await startRedis();
  let s3: EmulatorProcess | undefined;
  const rows: QueueRow[] = [];
  let memory = "";
  try {
    const listPath = join(work, "urls.txt");
    await writeUrlList(listPath, cdn.url, count, "txt");
    const env = { PATH: process.env.PATH ?? "", TMPDIR: work, HOME: process.env.HOME ?? work };
    const references = new Map<string, Reference>();
    for (const format of values.formats.split(",")) {
      const ref = await referenceRun({ format, listPath, out: join(work, `${format}-alone`), shardSize, env, seed: CDN_SEED });
      references.set(format, ref);
      log(
        `  ${format}, one process at concurrency 64: ${ref.seconds.toFixed(2)} s, ${ref.digest.files.size} files, ${ref.truth.stored}/${ref.truth.rows} rows stored, ${ref.truth.wrong} wrong`,
      );
      for (const workers of values.workers.split(",").map(Number)) {
        const out = join(work, `${format}-${workers}`);
        const run = await runQueued({
          format,
          workers,
          concurrency,
          shardSize,
          shards: ref.shards,
          listPath,
          out,
          queueName: `bench-${format}-${workers}`,
          redis,
          cdn,
          env,
          log,
        });
        const check = checkQueuedRun(run, ref, await digestDataset(out));
        const onePerSec = rows.find((r) => r.format === format && r.dest === "folder" && r.workers === 1);
        rows.push({
          format,
          dest: "folder",
          workers,
          photos: count,
          shards: ref.shards,
          boundPerSec: (workers * concurrency * 1000) / latencyMs,
          run,
          check,
          ...(onePerSec ? { onePerSec: count / onePerSec.run.seconds } : {}),
        });
        log(`  ${format}, ${workers} worker(s): ${run.seconds.toFixed(2)} s, ${(count / run.seconds).toFixed(1)} photos/s; ${check}`);
        await rm(out, { recursive: true, force: true });
      }
    }
    const s3Workers = Number(values["s3-workers"]);
    const s3Ref = references.get("webdataset");
    if (s3Workers > 0 && s3Ref) {
      const s3Dir = join(work, "s3rver");
      await mkdir(s3Dir);
      s3 = await startServerProcess([runner("s3rver-counted.mjs"), s3Dir, S3_BUCKET]);
      const s3Env = { ...env, AWS_ENDPOINT_URL: s3.url, AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", AWS_REGION: "us-east-1" };
      const counters = async () => (await (await fetch(`${s3!.url}/_emulator/stats`)).json()) as Record<string, number>;
      const out = `s3://${S3_BUCKET}/webdataset-${s3Workers}`;
      const queueName = `bench-s3-${s3Workers}`;
      const run = await runQueued({
        format: "webdataset",
        workers: s3Workers,
        concurrency,
        shardSize,
        shards: s3Ref.shards,
        listPath,
        out,
        queueName,
        redis,
        cdn,
        s3,
        env: s3Env,
        counters,
        log,
      });
      const check = checkQueuedRun(run, s3Ref, await digestDataset(join(s3Dir, S3_BUCKET, `webdataset-${s3Workers}`), { s3rver: true }));
      rows.push({
        format: "webdataset",
        dest: "s3rver",
        workers: s3Workers,
        photos: count,
        shards: s3Ref.shards,
        boundPerSec: (s3Workers * concurrency * 1000) / latencyMs,
        run,
        check,
      });
      log(`  webdataset into s3rver, ${s3Workers} workers: ${run.seconds.toFixed(2)} s; ${check}`);
    }
    const memoryJobs = Number(values["memory-jobs"]);
    if (memoryJobs > 0) {
      const memoryList = join(work, "memory-urls.txt");
      await writeUrlList(memoryList, cdn.url, memoryJobs, "txt");
      memory = memoryLine(await measureJobMemory({ redis, listPath: memoryList, out: join(work, "memory"), jobs: memoryJobs, env }));
      log(`  ${memory}`);
    }
  } finally {
    await s3?.stop();
    await redis.stop();
    await cdn.stop();
    await rm(work, { recursive: true, force: true });
  }
  const header = [
    `Run: ${startedAt.toISOString()}, on ${machine.cpuModel}, ${machine.nproc} cores, node ${machine.node}; load average ${loadAtStart.map((l) => l.toFixed(1)).join("/")} at the start, ${loadavg()
      .map((l) => l.toFixed(1))
      .join("/")} at the end.`,
    `${count} photos of the bulk CDN (about 1.3 KB each) in shards of ${shardSize}, CDN latency ${latencyMs} ms on every photo, ${concurrency} downloads at once per worker.`,
  ];
  const md = [...header, "", queueTable(rows, machine.nproc), "", ...s3Lines(rows), ...(memory ? [memory] : [])].join("\n");
  process.stdout.write(`${md}\n`);
  const stamp = startedAt.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "T");
  await writeFile(join(BENCH_DIR, "results", `queue-${stamp}.md`), `${md}\n`);
  await writeFile(
    join(BENCH_DIR, "results", `queue-${stamp}.json`),
    `${JSON.stringify({ date: startedAt, machine, options: values, rows, memory }, null, 2)}\n`,
  );
}

await main();
