import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryStorage, type MemoryStorage, type StorageAdapter } from "@cat-harvest/storage";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startPhotoServer, type PhotoServer } from "../../test/helpers/photo-server.js";
import { downloadList } from "../download-list.js";
import { HarvestPlanMismatchError } from "../errors.js";
import { verifyDataset } from "../verify.js";

let server: PhotoServer;
beforeAll(async () => {
  server = await startPhotoServer();
});
afterAll(() => server.close());

const text = (storage: MemoryStorage, key: string) => new TextDecoder().decode(storage.objects.get(key));
const jsonLines = (storage: MemoryStorage, key: string) =>
  text(storage, key)
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Nine lines: a repeated URL (dropped while reading), a 404, a copy within shard 0 and one in shard 2 of shard 0's photo. */
function labelledList(): string {
  const b = server.base;
  return [
    "url,label",
    `${b}/11.png,tabby`,
    `${b}/12.jpg,siamese`,
    `${b}/copy/11.png,tabby`, // same bytes as row 0, same shard: a duplicate
    `${b}/11.png,tabby`, // same URL as row 0: dropped while reading
    `${b}/0.png,siamese`, // 404
    `${b}/14.png,tabby`,
    `${b}/15.jpg,manx`,
    `${b}/16.png,manx`,
    `${b}/copy/copy/11.png,tabby`, // same bytes as row 0, shard 2: listed in _duplicates.jsonl
  ].join("\n");
}

/** The storage, with `close` a no-op: a run closes its storage, and these tests run twice into one. */
const reusable = (storage: StorageAdapter): StorageAdapter =>
  new Proxy(storage, { get: (t, name, r) => (name === "close" ? async () => {} : Reflect.get(t, name, r)) });

async function run(storage: StorageAdapter, list: string, options: { format?: "files" | "webdataset"; shardSize?: number } = {}) {
  return downloadList({
    input: () => new Response(list).body!,
    inputName: "urls.csv",
    storage: reusable(storage),
    concurrency: 4,
    format: "webdataset",
    shardSize: 3,
    ...options,
  });
}

/** Writes the shards to a folder and reads them with python3's tarfile, grouped by key. */
function readWithPython(
  storage: MemoryStorage,
  shards: string[],
): Record<string, { exts: string[]; json: Record<string, unknown>; cls?: number; sha256: string; header: unknown[][] }> {
  const dir = mkdtempSync(join(tmpdir(), "shards-"));
  for (const name of shards) writeFileSync(join(dir, name), storage.objects.get(name)!);
  const script = join(import.meta.dirname, "../../test/helpers/read-webdataset.py");
  return JSON.parse(execFileSync("python3", [script, ...shards.map((s) => join(dir, s))], { encoding: "utf8" }));
}

describe("downloadList into webdataset shards", () => {
  test("writes tar shards that python3's tarfile reads and a WebDataset-style reader groups by key", async () => {
    const storage = createMemoryStorage();
    const summary = await run(storage, labelledList());
    expect(summary).toMatchObject({ status: "partial", records: 8, stored: 6, failed: 1, duplicates: 2, failureReasons: { "http-404": 1 } });
    const plan = JSON.parse(text(storage, "_plan.json"));
    expect(plan).toMatchObject({ version: 1, format: "webdataset", shardSize: 3, rows: 8, shards: 3, labels: ["manx", "siamese", "tabby"], duplicateUrls: 1 });
    for (const i of ["00000", "00001", "00002"]) for (const f of [`${i}.tar`, `${i}.jsonl`, `${i}_stats.json`]) expect(storage.objects.has(f)).toBe(true);
    expect([...storage.objects.keys()].filter((k) => k.startsWith("_spool/"))).toEqual([]);

    const samples = readWithPython(storage, ["00000.tar", "00001.tar", "00002.tar"]);
    // Row 2 (a copy of row 0 in its shard) and row 3 (the 404) have no sample.
    expect(Object.keys(samples)).toEqual(["000000", "000001", "000011", "000012", "000020", "000021"]);
    expect(samples["000000"]).toMatchObject({ exts: ["png", "json", "cls"], cls: 2, json: { key: "000000", label: "tabby", status: "stored", width: 11 } });
    expect(samples["000001"]).toMatchObject({ exts: ["jpg", "json", "cls"], cls: 1, json: { label: "siamese", url: `${server.base}/12.jpg` } });
    for (const sample of Object.values(samples)) {
      expect(sample.sha256).toBe(sample.json.sha256);
      for (const header of sample.header) expect(header).toEqual([0, 0, 0, 0o644, "", "", "0"]);
    }
    const shard0 = jsonLines(storage, "00000.jsonl");
    expect(shard0.map((r) => r.status)).toEqual(["stored", "stored", "duplicate"]);
    expect(shard0[2]).toMatchObject({ key: "000002", duplicate_of: "000000.png" });
    expect(jsonLines(storage, "00001.jsonl")[0]).toMatchObject({ key: "000010", status: "failed", reason: "http-404", line: 6 });
    expect(jsonLines(storage, "_duplicates.jsonl")).toEqual([
      expect.objectContaining({ key: "000021", file: "000021.png", duplicate_of: "000000.png", url: `${server.base}/copy/copy/11.png` }),
    ]);
    expect(text(storage, "classes.txt")).toBe("manx\nsiamese\ntabby\n");
    expect(JSON.parse(text(storage, "00000_stats.json"))).toMatchObject({ shard: 0, rows: 3, stored: 2, duplicates: 1, failed: 0 });

    const listing = execFileSync("tar", ["-tvf", "-"], { input: storage.objects.get("00000.tar"), encoding: "utf8" });
    expect(
      listing
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split(/\s+/).at(-1)),
    ).toEqual(["000000.png", "000000.json", "000000.cls", "000001.jpg", "000001.json", "000001.cls"]);
  });

  test("the same input gives byte-identical shards", async () => {
    const a = createMemoryStorage();
    const b = createMemoryStorage();
    await run(a, labelledList(), { shardSize: 4 });
    await run(b, labelledList(), { shardSize: 4 });
    const outputs = (s: MemoryStorage) => [...s.objects.keys()].filter((k) => !k.endsWith("_stats.json") && k !== "_summary.json").sort();
    expect(outputs(a)).toEqual(outputs(b));
    for (const key of outputs(a)) expect(Buffer.from(a.objects.get(key)!).equals(Buffer.from(b.objects.get(key)!)), key).toBe(true);
  });

  test("with a spool, bodies wait there: DEST gets only the shards' files, and the same bytes", async () => {
    const plain = createMemoryStorage();
    await run(plain, labelledList());
    const storage = createMemoryStorage();
    const spool = createMemoryStorage();
    const keys: string[] = [];
    const watched: StorageAdapter = new Proxy(storage, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (name === "close") return async () => {};
        return typeof value === "function" ? (...args: unknown[]) => (keys.push(`${String(name)} ${String(args[0])}`), value.apply(target, args)) : value;
      },
    });
    const spooled: string[] = [];
    const watchedSpool: StorageAdapter = new Proxy(spool, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        return name === "put" ? (key: string, ...rest: unknown[]) => (spooled.push(key), value.apply(target, [key, ...rest])) : value;
      },
    });
    await downloadList({
      input: () => new Response(labelledList()).body!,
      inputName: "urls.csv",
      storage: watched,
      spool: watchedSpool,
      concurrency: 4,
      format: "webdataset",
      shardSize: 3,
    });
    expect(keys.filter((k) => k.includes("_spool/"))).toEqual([]);
    expect(spooled).toHaveLength(7); // every fetched body: 6 stored and the copy in shard 0
    expect(spool.objects.size).toBe(0);
    expect([...storage.objects.keys()].sort()).toEqual([...plain.objects.keys()].sort());
    for (const key of storage.objects.keys())
      if (!key.endsWith("_stats.json") && key !== "_summary.json")
        expect(Buffer.from(storage.objects.get(key)!).equals(Buffer.from(plain.objects.get(key)!)), key).toBe(true);
  });

  test("a spool that appends and reads ranges gets one file per attempt, appended and removed whole, and the same bytes", async () => {
    const plain = createMemoryStorage();
    await run(plain, labelledList());
    const storage = createMemoryStorage();
    const calls: string[] = [];
    const ranged: StorageAdapter = new Proxy(storage, {
      get(target, name, receiver) {
        if (name === "getRange")
          return async (key: string, start: number, end: number) => (calls.push(`getRange ${key}`), target.objects.get(key)?.slice(start, end) ?? null);
        const value = Reflect.get(target, name, receiver);
        return typeof value === "function" ? (...args: unknown[]) => (calls.push(`${String(name)} ${String(args[0])}`), value.apply(target, args)) : value;
      },
    });
    await run(ranged, labelledList());
    const spoolCalls = calls.filter((c) => c.includes("_spool/") && !c.startsWith("list ")); // the finish lists _spool/ for leftovers
    expect(spoolCalls.filter((c) => c.startsWith("put "))).toEqual([]);
    expect(spoolCalls.filter((c) => c.startsWith("getRange ")).length).toBe(6); // each stored body read back once
    const files = new Set(spoolCalls.map((c) => c.split(" ")[1]));
    expect([...files].filter((k) => !/^_spool\/\d{5}\/[0-9a-f]{8}\/bodies$/.test(k!))).toEqual([]);
    expect(files.size).toBe(3); // one file per shard attempt
    expect(spoolCalls.filter((c) => c.startsWith("delete "))).toHaveLength(3);
    expect([...storage.objects.keys()].filter((k) => k.startsWith("_spool/"))).toEqual([]);
    expect([...storage.objects.keys()].sort()).toEqual([...plain.objects.keys()].sort());
    for (const key of storage.objects.keys())
      if (!key.endsWith("_stats.json") && key !== "_summary.json")
        expect(Buffer.from(storage.objects.get(key)!).equals(Buffer.from(plain.objects.get(key)!)), key).toBe(true);
  });

  test("a resumed finished run downloads nothing, lists nothing and changes nothing", async () => {
    const storage = createMemoryStorage();
    await run(storage, labelledList());
    const before = new Map(storage.objects);
    const calls: string[] = [];
    const watched: StorageAdapter = new Proxy(storage, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        return typeof value === "function" ? (...args: unknown[]) => (calls.push(String(name)), value.apply(target, args)) : value;
      },
    });
    const requests = server.requests;
    const summary = await run(watched, labelledList());
    expect(server.requests - requests).toBe(0);
    expect(calls.filter((c) => c === "list" || c === "put" || c === "delete")).toEqual([]);
    expect(summary).toMatchObject({ stored: 0, existing: 6, files: 6 });
    expect(storage.objects).toEqual(before);
  });

  test("a shard left unfinished is redone whole, and the others are not touched", async () => {
    const fresh = createMemoryStorage();
    await run(fresh, labelledList());
    const storage = createMemoryStorage();
    await run(storage, labelledList());
    // As a run killed in shard 1 leaves it: no stats, a spool body, no tar.
    for (const key of ["00001_stats.json", "00001.tar", "_summary.json"]) await storage.delete(key);
    (storage.objects as Map<string, Uint8Array>).set("_spool/00001/000011", new Uint8Array([1, 2, 3]));
    const requests = server.requests;
    await run(storage, labelledList());
    expect(server.requests - requests).toBe(3); // shard 1's three rows, nothing else
    const keys = (s: MemoryStorage) => [...s.objects.keys()].filter((k) => !k.endsWith("_stats.json") && k !== "_summary.json").sort();
    expect(keys(storage)).toEqual(keys(fresh));
    for (const key of keys(fresh)) expect(Buffer.from(storage.objects.get(key)!).equals(Buffer.from(fresh.objects.get(key)!)), key).toBe(true);
  });

  test.each([
    ["shardSize", { shardSize: 4 }, "shardSize 3"],
    ["format", { format: "files" as const }, 'format "webdataset"'],
  ])("a re-run with another %s is refused before anything is written", async (field, options, said) => {
    const storage = createMemoryStorage();
    await run(storage, labelledList());
    const before = new Map(storage.objects);
    const error = await run(storage, labelledList(), options).catch((e: unknown) => e);
    expect(HarvestPlanMismatchError.isInstance(error)).toBe(true);
    expect((error as HarvestPlanMismatchError).field).toBe(field);
    expect((error as Error).message).toContain(said);
    expect((error as Error).message).toContain("new destination");
    expect(storage.objects).toEqual(before);
  });

  test("a re-run with an edited list is refused", async () => {
    const storage = createMemoryStorage();
    await run(storage, labelledList());
    const error = await run(storage, `${labelledList()}\n${server.base}/21.png,manx`).catch((e: unknown) => e);
    expect((error as HarvestPlanMismatchError).field).toBe("input");
  });
});

test("verifyDataset checks each tar member of a webdataset against its shard's rows, and finds a changed byte", async () => {
  const storage = createMemoryStorage();
  await run(storage, labelledList());
  expect(await verifyDataset(storage)).toEqual({ checked: 6, ok: 6, missing: [], corrupted: [], unlisted: [], duplicates: [], unreadable: [] });
  const tar = storage.objects.get("00002.tar")!;
  tar[532] = tar[532]! ^ 0xff; // in the first member's data
  (storage.objects as Map<string, Uint8Array>).delete("00001_stats.json");
  const result = await verifyDataset(storage);
  expect(result).toMatchObject({ checked: 4, ok: 3, missing: ["00001.tar"], corrupted: [expect.objectContaining({ file_name: "00002.tar:000020.png" })] });
});

describe("downloadList into files, shard by shard", () => {
  test("keeps the folder layout and compacts metadata.jsonl, failures.jsonl and breeds.csv at the end", async () => {
    const storage = createMemoryStorage();
    const summary = await run(storage, labelledList(), { format: "files" });
    expect(summary).toMatchObject({ status: "partial", records: 8, files: 5, failed: 1, duplicates: 2 });
    const metadata = jsonLines(storage, "metadata.jsonl");
    expect(metadata.map((r) => r.file_name)).toEqual(
      [...storage.objects.keys()]
        .filter((k) => /^(tabby|siamese|manx)\//.test(k))
        .sort((x, y) => metadata.findIndex((r) => r.file_name === x) - metadata.findIndex((r) => r.file_name === y)),
    );
    expect(metadata).toHaveLength(5);
    expect(metadata[0]).toMatchObject({ breed: "tabby", animal_id: null, photo: null, source_url: `${server.base}/11.png`, width: 11 });
    const failures = jsonLines(storage, "failures.jsonl");
    expect(failures.map((f) => f.reason)).toEqual(["duplicate", "http-404", "duplicate"]);
    expect(failures[2]).toMatchObject({ source_url: `${server.base}/copy/copy/11.png`, duplicate_of: metadata[0]!.file_name });
    expect(storage.objects.has(failures[2]!.file_name as string)).toBe(false);
    expect(text(storage, "breeds.csv").trim().split("\n").slice(1).sort()).toEqual(["manx,manx,2", "siamese,siamese,1", "tabby,tabby,2"].sort());
  });
});
