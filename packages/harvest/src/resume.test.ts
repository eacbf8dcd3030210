import { createHash } from "node:crypto";
import { createMemoryStorage, type MemoryStorage } from "@cat-harvest/storage";
import { describe, expect, test } from "vitest";
import { METADATA_FILE, STATE_FILE, type MetadataRow } from "./dataset-files.js";
import { openDataset, type Dataset } from "./dataset.js";
import { verifyDataset } from "./verify.js";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
/** A tiny whole JPEG (start and end markers) holding `n`. */
const jpeg = (n: number) => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, n, n, 0xff, 0xd9]);
const lines = (storage: MemoryStorage, key: string) => new TextDecoder().decode(storage.objects.get(key)).split("\n").filter(Boolean);

/** A memory storage that keeps its objects after close, so a second run can reopen them. */
function reopenable(objects = new Map<string, Uint8Array>(), replace = true): MemoryStorage {
  const inner = createMemoryStorage();
  for (const [k, v] of objects) (inner.objects as Map<string, Uint8Array>).set(k, v);
  return { ...inner, capabilities: { ...inner.capabilities, replace }, close: async () => {} };
}

function row(n: number, bytes: Uint8Array, folder = "Bengal"): MetadataRow {
  return { file_name: `${folder}/${n}-1.jpg`, breed: folder, animal_id: n, photo: 1, source_url: `http://x/${n}`, bytes: bytes.byteLength, sha256: sha(bytes) };
}

/** A finished data set of three files, and its storage to reopen. */
async function threeFiles(): Promise<MemoryStorage> {
  const storage = reopenable();
  const dataset = await openDataset(storage);
  for (const n of [1, 2, 3]) {
    await storage.put(`Bengal/${n}-1.jpg`, jpeg(n));
    dataset.record(row(n, jpeg(n)));
  }
  await dataset.finish();
  return storage;
}

describe("a torn metadata.jsonl", () => {
  test.each([
    ["cut mid-line", (text: string) => text.slice(0, text.lastIndexOf("\n", text.length - 2) + 20)],
    ["with a garbage line in the middle", (text: string) => text.replace("\n", "\n\u0000\u0000garbage{\n")],
  ])("%s: every whole line is kept, the rest re-hashed and kept, and it is said", async (_name, tear) => {
    const storage = await threeFiles();
    const text = new TextDecoder().decode(storage.objects.get(METADATA_FILE));
    (storage.objects as Map<string, Uint8Array>).set(METADATA_FILE, new TextEncoder().encode(tear(text)));
    (storage.objects as Map<string, Uint8Array>).delete(STATE_FILE);

    const verified = await verifyDataset(storage);
    expect(verified.unreadable).toHaveLength(1);
    expect(verified.unreadable[0]).toMatchObject({ file: METADATA_FILE, problem: expect.stringMatching(/not JSON/) });
    expect(verified.ok).toBe(verified.checked);

    const dataset = await openDataset(storage);
    expect(dataset.resume).toMatchObject({ unreadableLines: 1, damaged: 0 });
    expect(dataset.resume.stored + dataset.resume.unlisted).toBe(3);
    for (const n of [1, 2, 3]) {
      const state = dataset.state(`Bengal/${n}-1.jpg`);
      if (state.state === "adopt") expect(await dataset.adopt(`Bengal/${n}-1.jpg`, row(n, jpeg(n)))).toMatchObject({ sha256: sha(jpeg(n)) });
      else expect(state.state).toBe("stored");
    }
    await dataset.finish();
    expect(lines(storage, METADATA_FILE)).toHaveLength(3);
    expect((await verifyDataset(storage)).unreadable).toEqual([]);
  });
});

describe("the journal", () => {
  test("a run killed before finish keeps every file it recorded (journal lines with their stamps)", async () => {
    const storage = reopenable();
    const killed = await openDataset(storage);
    for (const n of [1, 2]) {
      await storage.put(`Bengal/${n}-1.jpg`, jpeg(n));
      killed.record(row(n, jpeg(n)));
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    // No finish: no metadata.jsonl, only the journal.
    expect(storage.objects.has(METADATA_FILE)).toBe(false);
    expect(lines(storage, STATE_FILE).map((l) => JSON.parse(l))).toEqual([
      { file_name: "Bengal/1-1.jpg", stamp: expect.any(String), row: row(1, jpeg(1)) },
      { file_name: "Bengal/2-1.jpg", stamp: expect.any(String), row: row(2, jpeg(2)) },
    ]);
    const again = await openDataset(reopenable(new Map(storage.objects)));
    expect(again.resume).toMatchObject({ stored: 2, unlisted: 0, damaged: 0, rechecked: 0 });
  });

  test("finish writes metadata.jsonl and compacts the journal to one stamp per file", async () => {
    const storage = await threeFiles();
    expect(lines(storage, METADATA_FILE)).toHaveLength(3);
    expect(lines(storage, STATE_FILE).map((l) => Object.keys(JSON.parse(l)))).toEqual([
      ["file_name", "stamp"],
      ["file_name", "stamp"],
      ["file_name", "stamp"],
    ]);
  });
});

describe("stamps: what a resumed run trusts", () => {
  test("a file rewritten with other bytes of the same size is found (re-hashed) and downloaded again", async () => {
    const storage = await threeFiles();
    (storage.objects as Map<string, Uint8Array>).set("Bengal/2-1.jpg", jpeg(9));
    expect((await verifyDataset(storage)).corrupted.map((c) => c.file_name)).toEqual(["Bengal/2-1.jpg"]);
    const dataset = await openDataset(storage);
    expect(dataset.resume).toMatchObject({ stored: 2, damaged: 1, rechecked: 1, unlisted: 0 });
    expect(dataset.state("Bengal/2-1.jpg")).toEqual({ state: "missing" });
  });

  test("unchanged stamps are trusted without reading; files never stamped are re-hashed once", async () => {
    const storage = await threeFiles();
    expect((await openDataset(reopenable(new Map(storage.objects)))).resume).toMatchObject({ stored: 3, rechecked: 0 });
    const legacy = new Map(storage.objects);
    legacy.delete(STATE_FILE);
    const dataset = await openDataset(reopenable(legacy));
    expect(dataset.resume).toMatchObject({ stored: 3, rechecked: 3, damaged: 0 });
  });

  test("an unlisted file that is not a whole image is not adopted on a store that can replace it", async () => {
    const storage = reopenable();
    await storage.put("Bengal/1-1.jpg", new Uint8Array([1, 2, 3]));
    const dataset = await openDataset(storage);
    expect(dataset.state("Bengal/1-1.jpg")).toEqual({ state: "adopt" });
    expect(await dataset.adopt("Bengal/1-1.jpg", row(1, jpeg(1)))).toBeUndefined();
    expect(dataset.storedCount).toBe(0);
  });
});

describe("byte-identical copies", () => {
  /** A download of copy `n` of `bytes` ending: its content claimed (nobody holding it yet), stored and recorded. */
  const storeCopy = async (storage: MemoryStorage, dataset: Dataset, n: number, bytes: Uint8Array) => {
    expect(dataset.claimContent(sha(bytes), `Bengal/${n}-1.jpg`)).toBeUndefined();
    await storage.put(`Bengal/${n}-1.jpg`, bytes);
    dataset.record(row(n, bytes));
  };

  test("the file whose name sorts first keeps the content, whichever download ended first", async () => {
    const storage = reopenable();
    const dataset = await openDataset(storage);
    const same = jpeg(7);
    // The copy that sorts later ends first.
    await storeCopy(storage, dataset, 2, same);
    await storeCopy(storage, dataset, 1, same);
    await dataset.finish();
    expect(dataset.dropped).toEqual({ duplicates: 1, storedThisRun: 1 });
    expect(storage.objects.has("Bengal/2-1.jpg")).toBe(false);
    expect(lines(storage, METADATA_FILE).map((l) => JSON.parse(l).file_name)).toEqual(["Bengal/1-1.jpg"]);
    expect(lines(storage, "failures.jsonl").map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ file_name: "Bengal/2-1.jpg", reason: "duplicate", duplicate_of: "Bengal/1-1.jpg" }),
    ]);
  });

  test("a copy found a duplicate of a file that a copy sorting first then replaces is listed as a duplicate of the file kept", async () => {
    const storage = reopenable();
    const dataset = await openDataset(storage);
    const same = jpeg(7);
    // Copy 2 ends first; copy 3 is then a duplicate of it at once; copy 1 ends last and keeps the content.
    await storeCopy(storage, dataset, 2, same);
    expect(dataset.claimContent(sha(same), "Bengal/3-1.jpg")).toBe("Bengal/2-1.jpg");
    const { file_name, breed, animal_id, source_url } = row(3, same);
    dataset.fail({ file_name, breed, animal_id, source_url, reason: "duplicate", duplicate_of: "Bengal/2-1.jpg", attempts: 1 });
    await storeCopy(storage, dataset, 1, same);
    await dataset.finish();
    expect(lines(storage, METADATA_FILE).map((l) => JSON.parse(l).file_name)).toEqual(["Bengal/1-1.jpg"]);
    expect(lines(storage, "failures.jsonl").map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ file_name: "Bengal/2-1.jpg", reason: "duplicate", duplicate_of: "Bengal/1-1.jpg" }),
      expect.objectContaining({ file_name: "Bengal/3-1.jpg", reason: "duplicate", duplicate_of: "Bengal/1-1.jpg" }),
    ]);
  });

  test("a copy that sorts later is a duplicate at once; an archive keeps the copy stored first", async () => {
    const folder = await openDataset(reopenable());
    expect(folder.claimContent("a".repeat(64), "Bengal/1-1.jpg")).toBeUndefined();
    expect(folder.claimContent("a".repeat(64), "Bengal/2-1.jpg")).toBe("Bengal/1-1.jpg");
    expect(folder.claimContent("a".repeat(64), "Siamese/2-1.jpg")).toBeUndefined();
    const archive = await openDataset(reopenable(new Map(), false));
    expect(archive.claimContent("a".repeat(64), "Bengal/2-1.jpg")).toBeUndefined();
    expect(archive.claimContent("a".repeat(64), "Bengal/1-1.jpg")).toBe("Bengal/2-1.jpg");
  });
});
