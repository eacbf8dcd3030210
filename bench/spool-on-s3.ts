/**
 * Issue 15's spool on S3: one `webdataset` download into an S3 prefix (s3rver on 127.0.0.1,
 * through the real AWS SDK), its bodies spooled in DEST (put, get and delete per photo) and then
 * in a local folder (what `cat-harvest download --out s3://...` does): storage calls and seconds.
 *
 * npm run bench:spool-s3 -w bench [-- URLS [dest|local|both]]   (default 1000 both)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startBulkCdn } from "@cat-harvest/emulator-kit";
import { downloadList } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import { createFsStorage } from "@cat-harvest/storage-fs";
import { createS3Storage } from "../packages/storage-s3/src/index.ts";
import { S3RVER_CREDENTIALS, startS3rver } from "../packages/storage-s3/test/s3rver.ts";

const N = Number(process.argv[2] ?? 1000);
const cdn = await startBulkCdn({ host: "127.0.0.1", port: 0, seed: 1, latencyMs: 0 });
const s3 = await startS3rver(["a", "b"]);
const list = Array.from({ length: N }, (_, i) => `${cdn.url}/_bulk/${i}.jpg`).join("\n");
const which = process.argv[3] ?? "both";
for (const [bucket, local] of [
  ["a", false],
  ["b", true],
] as const) {
  if (which !== "both" && which !== (local ? "local" : "dest")) continue;
  const storage = await createS3Storage({
    bucket,
    prefix: "ds",
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  const calls: Record<string, number> = {};
  const counted = new Proxy(storage, {
    get(t, name, r) {
      const v = Reflect.get(t, name, r);
      return typeof v === "function" ? (...a: unknown[]) => ((calls[String(name)] = (calls[String(name)] ?? 0) + 1), v.apply(t, a)) : v;
    },
  }) as StorageAdapter;
  const dir = local ? await mkdtemp(join(tmpdir(), "spool-")) : undefined;
  const spool = dir ? await createFsStorage({ root: dir, fsync: "never", removeTemporaryFiles: false }) : undefined;
  const t0 = performance.now();
  const summary = await downloadList({
    input: () => new Response(list).body!,
    inputName: "urls.txt",
    storage: counted,
    format: "webdataset",
    shardSize: 500,
    ...(spool ? { spool } : {}),
  });
  const s = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ spool: local ? "local folder" : "DEST (S3)", urls: N, stored: summary.files, seconds: +s.toFixed(1), calls }));
  if (dir) await rm(dir, { recursive: true, force: true });
}
await s3.stop();
await cdn.stop();
process.exit(0);
