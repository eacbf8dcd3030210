// One cat-harvest queue worker for the bench, from built dist/ in a plain node process: runs
// shard jobs (download the shard's rows with @cat-harvest/downloader into a shared folder)
// until SIGTERM, then prints its summary as one JSON line.
//
// node queue-worker.mjs --redis redis://127.0.0.1:PORT --queue NAME --out DIR [--concurrency N]
// QUEUE_BENCH_DEBUG=1 prints each worker event with a timestamp on stderr.
import { parseArgs } from "node:util";
import { createDownloader } from "@cat-harvest/downloader";
import { readShardInput, redisConnection, runWorker } from "@cat-harvest/queue";
import { createFsStorage } from "@cat-harvest/storage-fs";

const { values } = parseArgs({
  options: { redis: { type: "string" }, queue: { type: "string" }, out: { type: "string" }, concurrency: { type: "string", default: "8" } },
});
const storage = await createFsStorage({ root: values.out, fsync: "never" });
const stop = new AbortController();
process.on("SIGTERM", () => stop.abort());
const summary = await runWorker({
  connection: redisConnection(values.redis),
  queueName: values.queue,
  signal: stop.signal,
  onEvent: (e) => process.env.QUEUE_BENCH_DEBUG && process.stderr.write(`${process.pid} ${Date.now() % 100000} ${JSON.stringify(e)}\n`),
  async process(job, signal) {
    const shard = String(job.data.index).padStart(5, "0");
    const downloader = createDownloader({ storage, concurrency: Number(values.concurrency) });
    let row = 0;
    async function* jobs() {
      for await (const { url } of readShardInput(storage, job.data.inputKey)) yield { url, key: `${shard}/${shard}${String(row++).padStart(4, "0")}.jpg` };
    }
    const { stored, failed, bytes } = await downloader.run(jobs(), { signal });
    return { stored, failed, bytes };
  },
});
await storage.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
