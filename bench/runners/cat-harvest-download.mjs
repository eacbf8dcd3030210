// Downloads a bench job list with @cat-harvest/downloader into @cat-harvest/storage-fs,
// from built dist/ in a plain node process (no tsx), reading the list lazily line by line
// as a caller with a long list would. Prints the downloader's summary as one JSON line.
//
// node cat-harvest-download.mjs --jobs jobs.jsonl --out DIR [--concurrency N] [--fsync MODE]
//   [--native-hash]        createSha256: () => createHash("sha256") from node:crypto (default: the downloader's own)
//   [--no-skip-existing]   skipExisting: false (no storage.stat before each download)
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createDownloader } from "@cat-harvest/downloader";
import { createFsStorage } from "@cat-harvest/storage-fs";

const { values } = parseArgs({
  options: {
    jobs: { type: "string" },
    out: { type: "string" },
    concurrency: { type: "string" },
    fsync: { type: "string" },
    "native-hash": { type: "boolean", default: false },
    "no-skip-existing": { type: "boolean", default: false },
  },
});
if (!values.jobs || !values.out) {
  console.error("usage: cat-harvest-download.mjs --jobs FILE.jsonl --out DIR [--concurrency N] [--fsync always|metadata|never]");
  process.exit(2);
}

async function* readJobs(path) {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line) yield JSON.parse(line);
  }
}

const storage = await createFsStorage({ root: values.out, ...(values.fsync ? { fsync: values.fsync } : {}) });
const downloader = createDownloader({
  storage,
  ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  ...(values["native-hash"] ? { createSha256: () => createHash("sha256") } : {}),
  ...(values["no-skip-existing"] ? { skipExisting: false } : {}),
  onEvent(event) {
    if (event.type === "failed") console.error(`failed ${event.url}: ${event.reason} ${event.message}`);
  },
});
const summary = await downloader.run(readJobs(values.jobs));
await storage.close();
console.log(JSON.stringify(summary));
process.exitCode = summary.failed > 0 ? 1 : 0;
