// What the queue tests share: the emulator's photo URLs, the shards of a list, waiting for a condition,
// and a finished data set read back as its shards' rows and its keys.
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { shardRows, type ShardInput } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";

export interface PhotoList {
  readonly emulator: Emulator;
  readonly urls: readonly string[];
}

/** The emulator with `latencyMs` on every request, and the first `count` photo URLs of its truth. */
export async function photoList(count: number, latencyMs = 0): Promise<PhotoList> {
  const emulator = await startEmulator({ seed: 1, scale: 0.01, latencyMs });
  const truth = (await (await fetch(`${emulator.url}/_emulator/truth?size=small`)).text()).trim().split("\n");
  const urls = truth.slice(0, count).map((line) => (JSON.parse(line) as { url: string }).url);
  if (urls.length < count) throw new Error(`the emulator lists only ${urls.length} photos`);
  return { emulator, urls };
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every shard's stored rows (`_shards/*.jsonl`), and every photo's key, in order: what "the same data set" compares. */
export async function datasetFingerprint(storage: StorageAdapter): Promise<{ rows: string; keys: string[] }> {
  const keys: string[] = [];
  for await (const { key } of storage.list()) if (!key.startsWith("_inputs/") && !key.startsWith(".")) keys.push(key);
  keys.sort();
  let rows = "";
  for (const key of keys.filter((k) => /^_shards\/\d+\.jsonl$/.test(k))) rows += await new Response(await storage.get(key)).text();
  return { rows, keys };
}

/** A list of URLs as the shard engine splits it (`shardRows`: lines 1-based, row i to shard floor(i / shardSize)). */
export function shardsOf(urls: readonly string[], shardSize: number): AsyncIterable<ShardInput> {
  return shardRows(
    urls.map((url, i) => ({ url, line: i + 1 })),
    shardSize,
  );
}
