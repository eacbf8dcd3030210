// How much of a download's time goes to the streaming SHA-256? Run from packages/downloader:
//   node --import tsx --conditions @cat-harvest/source bench/hashing-share.ts
// Prints the hash throughput alone, then a local download run with the time spent hashing.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sha256 } from "@noble/hashes/sha2.js";
import { createMemoryStorage } from "@cat-harvest/storage";
import { createDownloader } from "../src/index.js";
import { makeJpeg } from "../test/helpers/images.js";

const CHUNK = 64 * 1024;
const data = new Uint8Array(64 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);

function throughput(label: string, hash: () => void) {
  for (let i = 0; i < 2; i++) hash(); // warm up
  const t = performance.now();
  const rounds = 3;
  for (let i = 0; i < rounds; i++) hash();
  const mbps = (rounds * data.byteLength) / 1e6 / ((performance.now() - t) / 1000);
  console.log(`${label}: ${mbps.toFixed(0)} MB/s`);
  return mbps;
}

const noble = throughput("@noble/hashes sha256, 64 KiB chunks", () => {
  const h = sha256.create();
  for (let o = 0; o < data.byteLength; o += CHUNK) h.update(data.subarray(o, o + CHUNK));
  h.digest();
});
throughput("node:crypto sha256 (native, for comparison)", () => {
  const h = createHash("sha256");
  for (let o = 0; o < data.byteLength; o += CHUNK) h.update(data.subarray(o, o + CHUNK));
  h.digest();
});

// End to end: 400 photos of ~100-400 KB from a loopback server into memory storage.
const photos = [makeJpeg(300, 300, 1), makeJpeg(600, 400, 2), makeJpeg(800, 600, 3)];
const server = createServer((req, res) => {
  const body = photos[Number(new URL(req.url ?? "/", "http://x").searchParams.get("i")) % photos.length]!;
  res.writeHead(200, { "content-type": "image/jpeg", "content-length": String(body.byteLength) }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const jobs = Array.from({ length: 400 }, (_, i) => ({ url: `${url}/p.jpg?i=${i}`, key: `bench/${i}.jpg` }));
for (const [label, createSha256] of [
  ["default (@noble/hashes)", undefined],
  ["createSha256: node:crypto", () => createHash("sha256")],
] as const) {
  const summary = await createDownloader({ storage: createMemoryStorage(), concurrency: 16, ...(createSha256 ? { createSha256 } : {}) }).run(jobs);
  const seconds = summary.durationMs / 1000;
  const hashSeconds = summary.bytes / 1e6 / noble;
  console.log(
    `download, ${label}: ${summary.stored} files, ${(summary.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s ` +
      `(${(summary.stored / seconds).toFixed(0)} files/s, ${(summary.bytes / 1e6 / seconds).toFixed(0)} MB/s)` +
      (createSha256 ? "" : `; noble hashing at the rate above is ~${hashSeconds.toFixed(2)} s = ${((100 * hashSeconds) / seconds).toFixed(0)}% of it`),
  );
}
server.close();
