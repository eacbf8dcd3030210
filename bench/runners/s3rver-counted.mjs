// s3rver (a real S3-protocol server) behind a counting proxy, in its own process, for the queue
// bench: every request the AWS SDK makes is counted by kind (PUT, UploadPart, GET, LIST...) and by
// area (`_inputs/`, `_spool/`, the data set), and GET /_emulator/stats answers the counts so far.
// Usage: node runners/s3rver-counted.mjs DIRECTORY BUCKET   (prints "listening on URL")
import { createServer, request } from "node:http";
import S3rver from "s3rver";

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket) throw new Error("usage: node runners/s3rver-counted.mjs DIRECTORY BUCKET");
const s3rver = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, vhostBuckets: false, configureBuckets: [{ name: bucket }] });
const { port: s3Port } = await s3rver.run();
const counts = {};

function kindOf(method, url) {
  const key = url.pathname.split("/").slice(2).join("/");
  const q = url.searchParams;
  if (method === "PUT") return q.has("partNumber") ? "UploadPart" : "PUT";
  if (method === "POST") return q.has("uploads") ? "CreateMultipartUpload" : q.has("uploadId") ? "CompleteMultipartUpload" : "POST";
  if (method === "DELETE") return q.has("uploadId") ? "AbortMultipartUpload" : "DELETE";
  if (method === "GET" && !key) return "LIST";
  return method;
}

function areaOf(url) {
  const key = decodeURIComponent(url.pathname.split("/").slice(2).join("/") || url.searchParams.get("prefix") || "");
  return key.startsWith("_inputs/") ? "inputs" : key.startsWith("_spool/") ? "spool" : "data";
}

const proxy = createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (url.pathname === "/_emulator/stats") return res.end(JSON.stringify(counts));
  const kind = kindOf(req.method, url);
  for (const name of [kind, `${kind} ${areaOf(url)}`]) counts[name] = (counts[name] ?? 0) + 1;
  const upstream = request({ host: "127.0.0.1", port: s3Port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on("error", () => res.destroy());
  req.pipe(upstream);
});
proxy.listen(0, "127.0.0.1", () => process.stdout.write(`listening on http://127.0.0.1:${proxy.address().port}\n`));
process.on("SIGTERM", () => {
  proxy.close();
  void s3rver.close().then(() => process.exit(0));
});
