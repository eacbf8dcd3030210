import { createMemoryStorage } from "@cat-harvest/storage";
import { describe, expect, test } from "vitest";
import { compactMetadata } from "./compact-metadata.js";
import type { MetadataRow } from "./dataset-files.js";
import { createNameTable } from "./name-table.js";
import { createStoredFiles } from "./stored-files.js";

const sha = (n: number) => n.toString(16).padStart(64, "0");
const row = (name: string, n: number, url = `http://x/${n}`): MetadataRow => ({
  file_name: name,
  breed: "Bengal",
  animal_id: n,
  photo: 1,
  source_url: url,
  bytes: n,
  sha256: sha(n),
});
const lines = (rows: readonly object[]) => new TextEncoder().encode(rows.map((r) => JSON.stringify(r) + "\n").join(""));
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe("compactMetadata", () => {
  test.each([1, 3, 1000])(
    "folds the journal into metadata.jsonl sorted by name, latest row of a file winning, unlisted rows left out (runs of %i rows)",
    async (runRows) => {
      const storage = createMemoryStorage();
      const names = createNameTable();
      const stored = createStoredFiles(names);
      // metadata.jsonl of an earlier run, then the journal: file c re-stored with other bytes, e re-listed with a newer URL.
      const old = [row("Bengal/a.jpg", 1), row("Bengal/c.jpg", 3), row("Bengal/e.jpg", 5), row("Bengal/gone.jpg", 9)];
      const journal = [
        row("Bengal/d.jpg", 4),
        row("Bengal/c.jpg", 30),
        row("Bengal/b.jpg", 2),
        row("Bengal/e.jpg", 5, "http://x/5?new"),
        row("Bengal/f.jpg", 6),
      ];
      await storage.put("metadata.jsonl", lines(old));
      // A run a killed compaction left behind is not merged.
      await storage.put("cat-harvest-metadata-run-00007.jsonl", lines([row("Bengal/zombie.jpg", 7)]));
      await storage.put(
        "cat-harvest-state.jsonl",
        lines([{ file_name: "Bengal/a.jpg", stamp: "s1" }, ...journal.map((r) => ({ file_name: r.file_name, row: r }))]),
      );
      for (const r of [...old, ...journal]) stored.keep(r, false);
      stored.remove(names.find("Bengal/gone.jpg"));
      const leftOut: string[] = [];
      await compactMetadata(storage, { names, stored, runRows, onLeftOut: (r) => leftOut.push(`${r.file_name}:${r.bytes}`) });
      const written = text(storage.objects.get("metadata.jsonl"))
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as MetadataRow);
      expect(written.map((r) => `${r.file_name}:${r.bytes}`)).toEqual([
        "Bengal/a.jpg:1",
        "Bengal/b.jpg:2",
        "Bengal/c.jpg:30",
        "Bengal/d.jpg:4",
        "Bengal/e.jpg:5",
        "Bengal/f.jpg:6",
      ]);
      expect(written.find((r) => r.file_name === "Bengal/e.jpg")!.source_url).toBe("http://x/5?new");
      expect(leftOut.sort()).toEqual(["Bengal/c.jpg:3", "Bengal/gone.jpg:9"]);
      // The sorted runs are gone.
      expect([...storage.objects.keys()].filter((k) => k.startsWith("cat-harvest-metadata-run-"))).toEqual([]);
    },
  );

  test("the same rows in another order give the same bytes", async () => {
    const write = async (order: MetadataRow[]) => {
      const storage = createMemoryStorage();
      const names = createNameTable();
      const stored = createStoredFiles(names);
      for (const r of order) stored.keep(r, true);
      await storage.put("cat-harvest-state.jsonl", lines(order.map((r) => ({ file_name: r.file_name, row: r }))));
      await compactMetadata(storage, { names, stored, runRows: 7 });
      return text(storage.objects.get("metadata.jsonl"));
    };
    const rows = Array.from({ length: 50 }, (_, i) => row(`Folder_${i % 3}/${i}-1.jpg`, i + 1));
    const shuffled = [...rows].sort((a, b) => ((a.bytes * 7919) % 53) - ((b.bytes * 7919) % 53));
    expect(await write(shuffled)).toBe(await write(rows));
    expect((await write(rows)).split("\n").filter(Boolean)).toHaveLength(50);
  });
});
