// A real shard processor for the tests until the shard engine's runShard lands: it reads the
// shard's rows from shared storage, downloads them with @cat-harvest/downloader into
// `<shard>/<key>.jpg`, writes the shard's rows to `_shards/<shard>.jsonl`, then its stats LAST
// (their presence means the shard is finished, as in the shard design). Idempotent: a
// finished shard returns its stored stats without work.
import { createDownloader, type DownloadResult } from "@cat-harvest/downloader";
import type { StorageAdapter } from "@cat-harvest/storage";
import { readShardInput, type ShardJob, type ShardProcessor } from "../src/index.js";

export interface ShardStats {
  readonly shard: string;
  readonly rows: number;
  readonly stored: number;
  readonly failed: number;
  readonly bytes: number;
}

export function shardName(index: number): string {
  return String(index).padStart(5, "0");
}

export function downloadShardProcessor(storage: StorageAdapter, onRow?: () => void): ShardProcessor<ShardStats> {
  return async (job: ShardJob, signal: AbortSignal) => {
    const shard = shardName(job.data.index);
    const statsKey = `_shards/${shard}_stats.json`;
    const stored = await storage.get(statsKey);
    if (stored) return JSON.parse(await new Response(stored).text()) as ShardStats;
    // An unfinished shard is redone from scratch: what a killed try left goes first.
    for await (const { key } of storage.list(`${shard}/`)) await storage.delete(key);
    const results: DownloadResult<{ line: number }>[] = [];
    const downloader = createDownloader<{ line: number }>({
      storage,
      concurrency: 4,
      onEvent: (e) => {
        if (e.type === "done" || e.type === "failed") results.push(e);
      },
    });
    let row = 0;
    async function* jobs() {
      for await (const { url, line } of readShardInput(storage, job.data.inputKey)) {
        onRow?.();
        yield { url, key: `${shard}/${shard}${String(row++).padStart(4, "0")}.jpg`, meta: { line } };
      }
    }
    const summary = await downloader.run(jobs(), { signal });
    signal.throwIfAborted();
    const lines = results
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((r) =>
        JSON.stringify(
          r.type === "done" ? { key: r.key, url: r.url, sha256: r.sha256, bytes: r.bytes } : { key: r.key, url: r.url, status: "failed", reason: r.reason },
        ),
      );
    await storage.put(`_shards/${shard}.jsonl`, new TextEncoder().encode(lines.map((l) => `${l}\n`).join("")));
    const stats: ShardStats = { shard, rows: row, stored: summary.stored, failed: summary.failed, bytes: summary.bytes };
    await storage.put(statsKey, new TextEncoder().encode(JSON.stringify(stats)));
    return stats;
  };
}
