import { CARD_FILE, REPORT_FILE } from "@cat-harvest/harvest";
import { collectBody, createMemoryStorage, type StorageAdapter } from "@cat-harvest/storage";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { ReportDatasetError, writeReport } from "../src/index.js";
import { FIXTURE_BREEDS, SECRET_URL, fixtureThumbnailer, writeFixtureDataset } from "./fixture-dataset.js";

const text = async (storage: StorageAdapter, key: string) => new TextDecoder().decode(await collectBody((await storage.get(key))!));
const made = { command: "cat-harvest harvest --source petfinder --out cats", version: "1.2.3", date: "2026-11-28T10:00:00.000Z" };

async function snapshot(storage: StorageAdapter): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for await (const { key } of storage.list()) all.set(key, await text(storage, key));
  return all;
}

/** The card's YAML header, parsed. */
function cardHeader(card: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(card);
  expect(match).not.toBeNull();
  return parseYaml(match![1]!) as Record<string, unknown>;
}

describe("writeReport", () => {
  test("writes report.html and README.md and changes nothing else in the data set", async () => {
    const storage = createMemoryStorage();
    await writeFixtureDataset(storage);
    const before = await snapshot(storage);
    const result = await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1.2.3", made, perBreed: 4 });
    const after = await snapshot(storage);
    expect([...after.keys()].filter((k) => !before.has(k)).sort()).toEqual([CARD_FILE, REPORT_FILE]);
    for (const [key, body] of before) expect(after.get(key), key).toBe(body);
    expect(result.thumbnails).toBe(4 + 3 + 4);
    expect(result.data.breeds.map((b) => [b.breed, b.images])).toEqual([...FIXTURE_BREEDS].sort((a, b) => b[1] - a[1]));
  });

  test("the card's YAML header holds pretty_name, license, task_categories, size_categories and configs", async () => {
    const storage = createMemoryStorage();
    await writeFixtureDataset(storage);
    await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1.2.3", made, title: 'Cats: "tabby" & co' });
    const card = await text(storage, CARD_FILE);
    const header = cardHeader(card);
    expect(header.pretty_name).toBe('Cats: "tabby" & co');
    expect(header.license).toBe("other");
    expect(header.license_link).toBe("SOURCES.md");
    expect(header.task_categories).toEqual(["image-classification"]);
    expect(header.size_categories).toEqual(["n<1K"]);
    expect(header.configs).toEqual([{ config_name: "default", data_files: [{ split: "train", path: ["metadata.jsonl", "*/*"] }] }]);
    expect(card).toContain("| Bengal | Bengal | 30 |");
    expect(card).toContain("https://www.petfinder.com/developers/");
    expect(card).toContain(made.command);
    expect(card).toContain("not verified");
  });

  test("a data set from a URL list (no sources) says its license is unknown", async () => {
    const storage = createMemoryStorage();
    await writeFixtureDataset(storage);
    const rows = (await text(storage, "metadata.jsonl")).replaceAll('"source":"petfinder",', "");
    await storage.put("metadata.jsonl", new TextEncoder().encode(rows));
    await storage.delete("SOURCES.md");
    await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1" });
    const card = await text(storage, CARD_FILE);
    expect(cardHeader(card).license).toBe("unknown");
    expect(card).toContain("URL list");
  });

  test("outside text is escaped and URLs lose their credentials", async () => {
    const storage = createMemoryStorage();
    await writeFixtureDataset(storage);
    await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1" });
    const html = await text(storage, REPORT_FILE);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &quot;Siamese&quot; &amp; co");
    const url = new URL(SECRET_URL);
    for (const secret of [url.password, url.searchParams.get("api_key")!]) expect(html).not.toContain(secret);
    expect(html).toContain("cdn.example.test/a.jpg");
    expect(await text(storage, CARD_FILE)).not.toContain("<img src=x");
  });

  test("failures are grouped by reason with counts; duplicates are counted apart", async () => {
    const storage = createMemoryStorage();
    await writeFixtureDataset(storage);
    const { data } = await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1" });
    expect(data.failures.map((g) => [g.reason, g.count])).toEqual([
      ["http-404", 2],
      ["truncated", 1],
    ]);
    expect(data.duplicates).toBe(1);
    expect(data.failures[0]!.examples).toHaveLength(2);
  });

  test("the same data set gives the same sample, and a rebuild keeps the run recorded in the earlier card", async () => {
    const storage = createMemoryStorage();
    await writeFixtureDataset(storage);
    const now = new Date("2026-11-28T11:00:00Z");
    await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1", made, now, perBreed: 5 });
    const first = await text(storage, REPORT_FILE);
    await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1", now, perBreed: 5 });
    expect(await text(storage, REPORT_FILE)).toBe(first);
    expect(await text(storage, CARD_FILE)).toContain(made.command);
  });

  test("a README.md the user wrote is left as it is", async () => {
    const storage = createMemoryStorage();
    await writeFixtureDataset(storage);
    await storage.put(CARD_FILE, new TextEncoder().encode("# My own notes\n"));
    const result = await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1" });
    expect(result.card).toMatchObject({ key: CARD_FILE, skipped: expect.stringContaining("left as it is") });
    expect(await text(storage, CARD_FILE)).toBe("# My own notes\n");
  });

  test("a photo the thumbnailer cannot read shows as 'no preview'; the rest are shown", async () => {
    const storage = createMemoryStorage();
    const rows = await writeFixtureDataset(storage);
    await storage.put(rows[0]!.file_name, new TextEncoder().encode("not a jpeg"));
    const result = await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1", perBreed: 40 });
    expect(result.thumbnails).toBe(rows.length - 1);
    expect(await text(storage, REPORT_FILE)).toContain("no preview");
  });

  test("a storage without metadata.jsonl is refused, naming the file, and nothing is written", async () => {
    const storage = createMemoryStorage();
    await expect(writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1" })).rejects.toSatisfy(
      (error) => ReportDatasetError.isInstance(error) && error.key === "metadata.jsonl",
    );
    expect(await storage.stat(REPORT_FILE)).toBeNull();
  });

  test("bad options are refused up front", async () => {
    const storage = createMemoryStorage();
    await expect(writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "1", perBreed: 0 })).rejects.toThrow(/perBreed must be a positive integer/);
  });
});
