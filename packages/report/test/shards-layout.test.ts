import { CARD_FILE, REPORT_FILE } from "@cat-harvest/harvest";
import { collectBody, type MemoryStorage, type StorageAdapter } from "@cat-harvest/storage";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { openDatasetReader, writeReport } from "../src/index.js";
import { fixtureThumbnailer } from "./fixture-dataset.js";
import { startFixturePhotos, writeFixtureWebdataset } from "./webdataset-fixture.ts";

let photos: Awaited<ReturnType<typeof startFixturePhotos>>;
let base: string;
beforeAll(async () => {
  photos = await startFixturePhotos();
  base = photos.base;
});
afterAll(() => photos.close());

const text = async (storage: StorageAdapter, key: string) => new TextDecoder().decode(await collectBody((await storage.get(key))!));
const webdataset = () => writeFixtureWebdataset(base);

async function snapshot(storage: MemoryStorage): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const [key, bytes] of storage.objects) all.set(key, Buffer.from(bytes).toString("base64"));
  return all;
}

describe("writeReport of a webdataset (tar shards)", () => {
  test("counts the shards' rows, a later copy as a duplicate, failures by reason, and thumbnails every sample out of the tars", async () => {
    const storage = await webdataset();
    expect(storage.objects.has("00002.tar")).toBe(true);
    expect((await openDatasetReader(storage)).layout).toBe("webdataset");
    const result = await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1", perBreed: 10, links: true });
    expect(result.data.layout).toBe("webdataset");
    expect(result.data.breeds.map((b) => [b.breed, b.images])).toEqual([
      ["Siamese", 6],
      ["Bengal", 3],
    ]);
    expect(result.data.files).toBe(9);
    expect(result.data.duplicates).toBe(1);
    expect(result.data.failures).toEqual([{ reason: "http-404", count: 1, examples: [`${base}/missing.png`] }]);
    expect(result.thumbnails).toBe(9);
    const html = await text(storage, REPORT_FILE);
    expect(html.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(9);
    // No links into a tar: its members are not files beside the report.
    expect(html).not.toMatch(/<a href="[^#]/);
    expect(html).toContain("00000.tar:");
  });

  test("a damaged line of a shard's rows is counted once, and the rest of the shard is shown", async () => {
    const storage = await webdataset();
    const rows = await text(storage, "00001.jsonl");
    await storage.put("00001.jsonl", new TextEncoder().encode(`${rows}{"cut short\n`));
    const result = await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1" });
    expect(result.data.unreadableLines).toBe(1);
    expect(result.data.files).toBe(9);
  });

  test("the card's configs point Hugging Face's webdataset loader at the tars", async () => {
    const storage = await webdataset();
    await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1" });
    const card = await text(storage, CARD_FILE);
    const header = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(card)![1]!) as Record<string, unknown>;
    expect(header.configs).toEqual([{ config_name: "default", data_files: [{ split: "train", path: ["*.tar"] }] }]);
    expect(header.license).toBe("unknown");
    expect(card).toContain("| Siamese |  | 6 |");
  });
});

describe("writeReport when nothing changed", () => {
  test("writes neither file again, whatever the time, and keeps the date of the run that made the data set", async () => {
    const storage = await webdataset();
    const made = { command: "cat-harvest download --input urls.csv --out shards", version: "1", date: "2026-11-28T10:00:00.000Z" };
    await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1", made, now: new Date("2026-11-28T11:00:00Z") });
    const before = await snapshot(storage);
    const again = await writeReport(storage, {
      thumbnailer: fixtureThumbnailer,
      version: "1",
      made: { ...made, date: "2026-11-29T10:00:00.000Z" },
      now: new Date("2026-11-29T11:00:00Z"),
    });
    expect(again.report).toEqual({ key: REPORT_FILE, unchanged: true });
    expect(again.card).toEqual({ key: CARD_FILE, unchanged: true });
    expect(again.thumbnails).toBe(0);
    expect(await snapshot(storage)).toEqual(before);
    expect(await text(storage, CARD_FILE)).toContain("2026-11-28T10:00:00.000Z");
  });

  test("writes them again when the data set, an option or a file changed", async () => {
    const storage = await webdataset();
    await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1" });
    expect((await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1", minimum: 3 })).report).toHaveProperty("bytes");
    expect((await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "2", minimum: 3 })).card).toHaveProperty("bytes");
    await storage.put(REPORT_FILE, new TextEncoder().encode("edited"));
    const rebuilt = await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "2", minimum: 3 });
    expect(rebuilt.report).toHaveProperty("bytes");
    expect(rebuilt.card).toEqual({ key: CARD_FILE, unchanged: true });
    expect(await text(storage, REPORT_FILE)).toContain("<!doctype html>");
  });
});
