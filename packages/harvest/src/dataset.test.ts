import { createHash } from "node:crypto";
import { createMemoryStorage, type MemoryStorage, type StorageAdapter } from "@cat-harvest/storage";
import { describe, expect, test } from "vitest";
import { openDataset } from "./dataset.js";
import { verifyDataset } from "./verify.js";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const text = (storage: MemoryStorage, key: string) => new TextDecoder().decode(storage.objects.get(key));
const jsonl = (storage: MemoryStorage, key: string) =>
  text(storage, key)
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

async function store(storage: StorageAdapter, key: string, bytes: Uint8Array) {
  await storage.put(key, bytes);
  return { file_name: key, bytes: bytes.byteLength, sha256: sha(bytes) };
}

/** A memory storage that keeps its objects after close, so a second run can reopen them. */
function reopenable(objects = new Map<string, Uint8Array>(), replace = true): MemoryStorage {
  const inner = createMemoryStorage();
  for (const [k, v] of objects) (inner.objects as Map<string, Uint8Array>).set(k, v);
  return { ...inner, capabilities: { ...inner.capabilities, replace }, close: async () => {} };
}

describe("openDataset", () => {
  test("writes metadata.jsonl, failures.jsonl and breeds.csv at finish", async () => {
    const storage = reopenable();
    const dataset = await openDataset(storage);
    dataset.record({
      ...(await store(storage, "Bengal/1-1.jpg", new Uint8Array([1, 2, 3]))),
      breed: "Bengal",
      animal_id: 1,
      photo: 1,
      source_url: "http://x/1",
    });
    dataset.record({ ...(await store(storage, "Bengal/2-1.jpg", new Uint8Array([4]))), breed: "Bengal", animal_id: 2, photo: 1, source_url: "http://x/2" });
    dataset.record({
      ...(await store(storage, "Sphynx_Hairless_Cat/3-1.jpg", new Uint8Array([5]))),
      breed: "Sphynx / Hairless Cat",
      animal_id: 3,
      photo: 1,
      source_url: "http://x/3",
    });
    dataset.fail({ source_url: "http://x/4", breed: "Bengal", animal_id: 4, reason: "HTTP 404", attempts: 1, file_name: "Bengal/4-1.jpg" });
    await dataset.finish();
    expect(jsonl(storage, "metadata.jsonl").map((r) => r.file_name)).toEqual(["Bengal/1-1.jpg", "Bengal/2-1.jpg", "Sphynx_Hairless_Cat/3-1.jpg"]);
    expect(jsonl(storage, "failures.jsonl")).toEqual([
      { source_url: "http://x/4", breed: "Bengal", animal_id: 4, reason: "HTTP 404", attempts: 1, file_name: "Bengal/4-1.jpg" },
    ]);
    expect(text(storage, "breeds.csv")).toBe("breed,folder,images\nBengal,Bengal,2\nSphynx / Hairless Cat,Sphynx_Hairless_Cat,1\n");
    expect(dataset.failureReasons()).toEqual(new Map([["HTTP 404", 1]]));
  });

  test("a re-run knows stored files, re-downloads damaged ones and keeps unretried failures", async () => {
    const first = reopenable();
    const a = await openDataset(first);
    a.record({ ...(await store(first, "Bengal/1-1.jpg", new Uint8Array([1, 2, 3]))), breed: "Bengal", animal_id: 1, photo: 1, source_url: "http://x/1" });
    a.record({ ...(await store(first, "Bengal/2-1.jpg", new Uint8Array([4]))), breed: "Bengal", animal_id: 2, photo: 1, source_url: "http://x/2" });
    a.fail({ source_url: "http://x/5", breed: "Bengal", animal_id: 5, reason: "HTTP 500", attempts: 3, file_name: "Bengal/5-1.jpg" });
    a.fail({ source_url: "http://x/6", breed: "Bengal", animal_id: 6, reason: "duplicate of Bengal/1-1.jpg", attempts: 1, file_name: "Bengal/6-1.jpg" });
    await a.finish();
    // Damage one file and leave an unlisted one, as a crash between checkpoints would.
    (first.objects as Map<string, Uint8Array>).set("Bengal/2-1.jpg", new Uint8Array([4, 4]));
    (first.objects as Map<string, Uint8Array>).set("Bengal/7-1.jpg", new Uint8Array([7]));

    const b = await openDataset(reopenable(new Map(first.objects)));
    expect(b.resume).toEqual({ stored: 1, unlisted: 1, damaged: 1, rechecked: 0, unreadableLines: 0, unreadable: [], previousFailures: 2 });
    expect(b.state("Bengal/1-1.jpg")).toMatchObject({ state: "stored", row: { sha256: sha(new Uint8Array([1, 2, 3])) } });
    expect(b.state("Bengal/2-1.jpg")).toEqual({ state: "missing" });
    expect(b.state("Bengal/7-1.jpg")).toEqual({ state: "adopt" }); // re-hashed and kept when a whole image, else downloaded over
    expect(b.knownDuplicate("Bengal/6-1.jpg")).toBe("Bengal/1-1.jpg");
    expect(b.claimContent(sha(new Uint8Array([1, 2, 3])), "Bengal/9-1.jpg")).toBe("Bengal/1-1.jpg");
    expect(b.claimContent(sha(new Uint8Array([1, 2, 3])), "Other/9-1.jpg")).toBeUndefined();
  });

  test("on a medium without replace it leaves the metadata files in place until finish supersedes them, and adopts unlisted objects", async () => {
    const objects = new Map<string, Uint8Array>();
    const first = reopenable(objects, false);
    const a = await openDataset(first);
    a.record({ ...(await store(first, "Bengal/1-1.jpg", new Uint8Array([1]))), breed: "Bengal", animal_id: 1, photo: 1, source_url: "http://x/1" });
    await a.finish();
    const storage = reopenable(new Map(first.objects), false);
    await storage.put("Bengal/2-1.jpg", new Uint8Array([2, 2]));
    const b = await openDataset(storage);
    // A kill from here on still leaves the earlier metadata whole (issue 13, item 7).
    expect([...storage.objects.keys()].sort()).toEqual(["Bengal/1-1.jpg", "Bengal/2-1.jpg", "breeds.csv", "failures.jsonl", "metadata.jsonl"]);
    expect(jsonl(storage, "metadata.jsonl").map((r) => r.file_name)).toEqual(["Bengal/1-1.jpg"]);
    expect(b.state("Bengal/2-1.jpg")).toEqual({ state: "adopt" });
    const row = await b.adopt("Bengal/2-1.jpg", { file_name: "Bengal/2-1.jpg", breed: "Bengal", animal_id: 2, photo: 1, source_url: "http://x/2" });
    expect(row).toMatchObject({ bytes: 2, sha256: sha(new Uint8Array([2, 2])) });
    await b.finish();
    expect(jsonl(storage, "metadata.jsonl").map((r) => r.file_name)).toEqual(["Bengal/1-1.jpg", "Bengal/2-1.jpg"]);
  });

  test("on a medium without replace a listed file with other bytes is damaged, never adopted", async () => {
    const first = reopenable(new Map(), false);
    const a = await openDataset(first);
    a.record({ ...(await store(first, "Bengal/1-1.jpg", new Uint8Array([1]))), breed: "Bengal", animal_id: 1, photo: 1, source_url: "http://x/1" });
    await a.finish();
    const objects = new Map(first.objects);
    objects.set("Bengal/1-1.jpg", new Uint8Array([6, 6]));
    const b = await openDataset(reopenable(objects, false));
    expect(b.resume).toMatchObject({ stored: 0, damaged: 1 });
    expect(b.state("Bengal/1-1.jpg")).toEqual({ state: "damaged" });
  });

  test("checkpoints list only recorded files, no more often than asked (a store that cannot append: S3)", async () => {
    const storage: MemoryStorage = { ...reopenable(), append: undefined };
    const dataset = await openDataset(storage, { checkpointMs: 60_000 });
    dataset.record({ ...(await store(storage, "Bengal/1-1.jpg", new Uint8Array([1]))), breed: "Bengal", animal_id: 1, photo: 1, source_url: "http://x/1" });
    await dataset.checkpoint();
    expect(storage.objects.has("metadata.jsonl")).toBe(false);
    await dataset.checkpoint(true);
    expect(jsonl(storage, "metadata.jsonl").map((r) => r.file_name)).toEqual(["Bengal/1-1.jpg"]);
  });
});

describe("openDataset keeps no metadata line in memory (a folder: the journal)", () => {
  const row = async (storage: StorageAdapter, n: number) => ({
    ...(await store(storage, `Bengal/${n}-1.jpg`, new Uint8Array([n, n, n]))),
    breed: "Bengal",
    animal_id: n,
    photo: 1,
    source_url: `http://x/${n}`,
  });

  test("a resumed run with nothing new rewrites neither metadata.jsonl nor the state file", async () => {
    const first = reopenable();
    const a = await openDataset(first);
    for (const n of [3, 1, 2]) a.record(await row(first, n));
    await a.finish();
    expect(jsonl(first, "metadata.jsonl").map((r) => r.file_name)).toEqual(["Bengal/1-1.jpg", "Bengal/2-1.jpg", "Bengal/3-1.jpg"]);
    expect(jsonl(first, "cat-harvest-state.jsonl").every((l) => l.row === undefined && typeof l.stamp === "string")).toBe(true);

    const second = reopenable(new Map(first.objects));
    const puts: string[] = [];
    const put = second.put.bind(second);
    second.put = async (key, body, options) => {
      puts.push(key);
      return put(key, body, options);
    };
    const b = await openDataset(second);
    expect(b.resume).toMatchObject({ stored: 3, unlisted: 0, damaged: 0, rechecked: 0 });
    expect(b.state("Bengal/2-1.jpg")).toMatchObject({ state: "stored", row: { file_name: "Bengal/2-1.jpg", bytes: 3 } });
    await b.finish();
    expect(puts).not.toContain("metadata.jsonl");
    expect(puts).not.toContain("cat-harvest-state.jsonl");
    expect(jsonl(second, "metadata.jsonl")).toHaveLength(3);
  });

  test("rows the journal could not append still reach metadata.jsonl", async () => {
    const storage = reopenable();
    let appends = 0;
    const append = storage.append!.bind(storage);
    storage.append = async (key, bytes) => {
      if (++appends > 1) throw new Error("ENOSPC: no space left on device");
      return append(key, bytes);
    };
    const dataset = await openDataset(storage);
    for (const n of [1, 2, 3, 4]) {
      dataset.record(await row(storage, n));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await dataset.finish();
    expect(appends).toBeGreaterThan(1);
    expect(jsonl(storage, "metadata.jsonl").map((r) => r.file_name)).toEqual(["Bengal/1-1.jpg", "Bengal/2-1.jpg", "Bengal/3-1.jpg", "Bengal/4-1.jpg"]);
  });
});

describe("verifyDataset", () => {
  test("finds a corrupted, a missing and an unlisted file", async () => {
    const storage = reopenable();
    const dataset = await openDataset(storage);
    for (const n of [1, 2, 3]) {
      dataset.record({
        ...(await store(storage, `Bengal/${n}-1.jpg`, new Uint8Array([n, n]))),
        breed: "Bengal",
        animal_id: n,
        photo: 1,
        source_url: `http://x/${n}`,
      });
    }
    await dataset.finish();
    expect(await verifyDataset(storage)).toEqual({ checked: 3, ok: 3, missing: [], corrupted: [], unlisted: [], duplicates: [], unreadable: [] });
    (storage.objects as Map<string, Uint8Array>).set("Bengal/1-1.jpg", new Uint8Array([9, 9]));
    (storage.objects as Map<string, Uint8Array>).delete("Bengal/2-1.jpg");
    (storage.objects as Map<string, Uint8Array>).set("Bengal/4-1.jpg", new Uint8Array([4]));
    const result = await verifyDataset(storage);
    expect(result).toMatchObject({ checked: 3, ok: 1, missing: ["Bengal/2-1.jpg"], unlisted: ["Bengal/4-1.jpg"] });
    expect(result.corrupted).toEqual([
      { file_name: "Bengal/1-1.jpg", expected: { bytes: 2, sha256: sha(new Uint8Array([1, 1])) }, actual: { bytes: 2, sha256: sha(new Uint8Array([9, 9])) } },
    ]);
  });

  test("without metadata.jsonl it says so", async () => {
    await expect(verifyDataset(createMemoryStorage())).rejects.toThrow(/metadata.jsonl .*there is none/);
  });
});
