// A queue worker thought dead while it was only slow loses its shard to another: two runs of one
// shard then write at once. They must end in the bytes of one run, with no spool left behind.
import { createMemoryStorage, type MemoryStorage } from "@cat-harvest/storage";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startPhotoServer, type PhotoServer } from "../../test/helpers/photo-server.js";
import { runShard } from "./run-shard.js";
import type { ShardFormat } from "./shard-plan.js";
import { planShards } from "./shard-plan.js";
import type { ShardRow } from "./shard-row.js";

let server: PhotoServer;
beforeAll(async () => {
  server = await startPhotoServer();
});
afterAll(() => server.close());

function rows(): ShardRow[] {
  const b = server.base;
  return [`${b}/11.png`, `${b}/12.jpg`, `${b}/copy/11.png`, `${b}/0.png`, `${b}/14.png`].map((url, i) => ({
    url,
    label: i % 2 ? "manx" : "tabby",
    line: i + 1,
  }));
}

/** Every object but the stats (which hold timings), as bytes by key. */
function outputs(storage: MemoryStorage): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, bytes] of storage.objects) if (!key.endsWith("_stats.json")) found.set(key, Buffer.from(bytes).toString("base64"));
  return found;
}

/** A fetch that holds every response until `release` resolves. */
function heldFetch(release: Promise<unknown>): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    await release;
    return response;
  };
}

test.each<ShardFormat>(["webdataset", "files"])("%s: two runs of one shard at once end in the bytes of one run, no spool left", async (format) => {
  const plan = await planShards({ rows: rows(), format, shardSize: 5 });
  const alone = createMemoryStorage();
  await runShard({ storage: alone, plan, index: 0, rows: rows(), concurrency: 2 });

  const storage = createMemoryStorage();
  const both = await Promise.all([
    runShard({ storage, plan, index: 0, rows: rows(), concurrency: 2 }),
    runShard({ storage, plan, index: 0, rows: rows(), concurrency: 3 }),
  ]);
  expect(both[0]).toMatchObject({ stored: 3, failed: 1, duplicates: 1 });
  expect(both[1]).toMatchObject({ stored: 3, failed: 1, duplicates: 1 });
  expect(outputs(storage)).toEqual(outputs(alone));
  expect([...storage.objects.keys()].filter((k) => k.startsWith("_spool/"))).toEqual([]);
});

test("a run that finds its shard finished by another once its downloads are done stops there, with the stored stats", async () => {
  const plan = await planShards({ rows: rows(), format: "webdataset", shardSize: 5 });
  const alone = createMemoryStorage();
  await runShard({ storage: alone, plan, index: 0, rows: rows() });

  const storage = createMemoryStorage();
  let fastDone!: () => void;
  const released = new Promise<void>((resolve) => (fastDone = resolve));
  const slow = runShard({ storage, plan, index: 0, rows: rows(), fetch: heldFetch(released) });
  const fast = await runShard({ storage, plan, index: 0, rows: rows() });
  const tar = storage.objects.get("00000.tar")!;
  fastDone();
  expect(await slow).toEqual(fast);
  expect(storage.objects.get("00000.tar")).toBe(tar); // not put again
  expect(outputs(storage)).toEqual(outputs(alone));
  expect([...storage.objects.keys()].filter((k) => k.startsWith("_spool/"))).toEqual([]);
});

test("with a spool of its own, a webdataset shard puts no body in DEST: only its tar, its rows and its stats", async () => {
  const plan = await planShards({ rows: rows(), format: "webdataset", shardSize: 5 });
  const alone = createMemoryStorage();
  await runShard({ storage: alone, plan, index: 0, rows: rows() });

  const storage = createMemoryStorage();
  const puts: string[] = [];
  const watched = new Proxy(storage, {
    get: (target, name, receiver) =>
      name === "put"
        ? (key: string, ...rest: unknown[]) => (puts.push(key), (target.put as (...a: unknown[]) => Promise<void>)(key, ...rest))
        : Reflect.get(target, name, receiver),
  });
  const spool = createMemoryStorage();
  await runShard({ storage: watched, plan, index: 0, rows: rows(), spool });
  expect(puts).toEqual(["00000.tar", "00000.jsonl", "00000_stats.json"]);
  expect(outputs(storage)).toEqual(outputs(alone));
  expect([...spool.objects.keys()]).toEqual([]);
});
