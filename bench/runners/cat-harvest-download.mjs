// Downloads a bench job list with @cat-harvest/downloader into @cat-harvest/storage-fs,
// from built dist/ in a plain node (or bun) process, reading the list lazily line by line
// as a caller with a long list would. Prints the downloader's summary as one JSON line.
//
// node cat-harvest-download.mjs --jobs jobs.jsonl --out DIR [--concurrency N] [--fsync MODE]
//   [--native-hash]        createSha256: () => createHash("sha256") from node:crypto (default: the downloader's own)
//   [--max-buffered-bytes N]  the downloader's maxBufferedBytes (0 streams every body into storage)
//   [--no-skip-existing]   skipExisting: false (no storage.stat before each download)
//   [--storage memory]     the in-memory adapter instead of a folder (to see what the disk path costs)
//   [--fetch node-http]    the fetch the `cat-harvest download` command uses under Node (@cat-harvest/command's
//                          createNodeHttpFetch) instead of the runtime's own
//   [--trace]              also print, per job, the mean time in storage.stat, in fetch until headers,
//                          and in storage.put (body read, hashed and written), as {"trace": ...}
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createDownloader, DEFAULT_CONCURRENCY } from "@cat-harvest/downloader";
import { createMemoryStorage } from "@cat-harvest/storage";
import { createFsStorage } from "@cat-harvest/storage-fs";

const { values } = parseArgs({
  options: {
    jobs: { type: "string" },
    out: { type: "string" },
    concurrency: { type: "string" },
    fsync: { type: "string" },
    storage: { type: "string", default: "fs" },
    "native-hash": { type: "boolean", default: false },
    "max-buffered-bytes": { type: "string" },
    "no-skip-existing": { type: "boolean", default: false },
    trace: { type: "boolean", default: false },
    fetch: { type: "string" },
  },
});
if (!values.jobs || !values.out) {
  console.error(
    "usage: cat-harvest-download.mjs --jobs FILE.jsonl --out DIR [--concurrency N] [--fsync always|metadata|never] [--storage fs|memory] [--native-hash] [--max-buffered-bytes N] [--no-skip-existing] [--trace]",
  );
  process.exit(2);
}

async function* readJobs(path) {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line) yield JSON.parse(line);
  }
}

const opened =
  values.storage === "memory" ? createMemoryStorage() : await createFsStorage({ root: values.out, ...(values.fsync ? { fsync: values.fsync } : {}) });

// Timing wrappers (only with --trace): they add two performance.now() calls per call.
const trace = { stat: 0, stats: 0, headers: 0, fetches: 0, put: 0, puts: 0 };
const timed =
  (fn, key, count) =>
  async (...args) => {
    const t = performance.now();
    try {
      return await fn(...args);
    } finally {
      trace[key] += performance.now() - t;
      trace[count]++;
    }
  };
const storage = values.trace
  ? {
      name: opened.name,
      capabilities: opened.capabilities,
      put: timed(opened.put.bind(opened), "put", "puts"),
      stat: timed(opened.stat.bind(opened), "stat", "stats"),
      get: opened.get.bind(opened),
      list: opened.list.bind(opened),
      delete: opened.delete.bind(opened),
      close: opened.close.bind(opened),
    }
  : opened;
// @cat-harvest/command is loaded only for this option: the "before" copies of this runner need not have it.
const nodeHttp = values.fetch === "node-http" ? (await import("@cat-harvest/command")).createNodeHttpFetch() : undefined;
const baseFetch = nodeHttp?.fetch ?? globalThis.fetch;
const fetchFn = values.trace ? timed(baseFetch, "headers", "fetches") : nodeHttp?.fetch;

const downloader = createDownloader({
  storage,
  ...(fetchFn ? { fetch: fetchFn } : {}),
  ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  ...(values["native-hash"] ? { createSha256: () => createHash("sha256") } : {}),
  ...(values["max-buffered-bytes"] !== undefined ? { maxBufferedBytes: Number(values["max-buffered-bytes"]) } : {}),
  ...(values["no-skip-existing"] ? { skipExisting: false } : {}),
  onEvent(event) {
    if (event.type === "failed") console.error(`failed ${event.url}: ${event.reason} ${event.message}`);
  },
});
const summary = await downloader.run(readJobs(values.jobs));
await storage.close();
nodeHttp?.close();
console.log(JSON.stringify(summary));
if (values.trace) {
  const ms = (total, n) => Number((total / Math.max(1, n)).toFixed(2));
  console.log(
    JSON.stringify({
      trace: {
        statMs: ms(trace.stat, trace.stats),
        fetchHeadersMs: ms(trace.headers, trace.fetches),
        putMs: ms(trace.put, trace.puts),
        // Wall time x connection slots / jobs: how long each job held a slot, on average.
        jobMs: ms(summary.durationMs * (values.concurrency ? Number(values.concurrency) : DEFAULT_CONCURRENCY), summary.jobs),
      },
    }),
  );
}
process.exitCode = summary.failed > 0 ? 1 : 0;
