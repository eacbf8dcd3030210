import type { PhotoSource, SourceRecordPage } from "@cat-harvest/photos";
import { createMemoryStorage } from "@cat-harvest/storage";
import { describe, expect, test } from "vitest";
import { decideHarvestRows } from "./decide-harvest-rows.js";
import { fetchBreedRecords } from "./fetch-breed-records.js";
import { harvestShardPlan } from "./harvest-shard-plan.js";
import { metadataRowOf, failureRowOf } from "./shards/files-rows.js";

interface Cat {
  readonly id: number;
  readonly breeds: readonly string[];
  readonly photos: number;
}

/** A source over a fixed table of cats, pages of 2, that can fail after some pages; it counts its requests. */
function tableSource(cats: Record<string, Cat[]>, failAfterPages = Infinity): PhotoSource<Cat> & { requests: number } {
  const source = {
    name: "table",
    terms: { name: "Table", url: "https://table.example/terms", summary: "test data" },
    endpoint: "https://table.example/v1",
    requests: 0,
    breeds: async () => Object.keys(cats),
    async *records(breed: string, options: { from: number; perBreed: number }): AsyncGenerator<SourceRecordPage<Cat>> {
      const all = (cats[breed] ?? []).slice(0, options.perBreed);
      for (let at = options.from; at < all.length; at += 2) {
        source.requests++;
        if (source.requests > failAfterPages) throw new Error("HTTP 503 from the table");
        yield { records: all.slice(at, at + 2), exhausted: at + 2 >= all.length && all.length < options.perBreed };
      }
    },
    candidates: (cat: Cat) =>
      cat.breeds.flatMap((breed) =>
        Array.from({ length: cat.photos }, (_, i) => ({
          url: `https://cdn.table.example/${cat.id}/${i + 1}.jpg`,
          breed,
          recordId: cat.id,
          photo: i + 1,
          size: "full" as const,
          source: "table",
          fileName: `table-${cat.id}-${i + 1}.jpg`,
        })),
      ),
    quotaOf: () => undefined,
    credentialsProblem: () => undefined,
  };
  return source as unknown as PhotoSource<Cat> & { requests: number };
}

const cats: Record<string, Cat[]> = {
  Bengal: [
    { id: 9, breeds: ["Bengal"], photos: 2 },
    { id: 3, breeds: ["Bengal", "Siamese"], photos: 1 },
    { id: 5, breeds: ["Bengal"], photos: 2 },
  ],
  Siamese: [
    { id: 3, breeds: ["Bengal", "Siamese"], photos: 1 },
    { id: 7, breeds: ["Siamese"], photos: 1 },
  ],
};

describe("a harvest's API jobs and decision step", () => {
  test("each breed's records are stored whole; a failed try keeps its pages and the retry continues from them", async () => {
    const storage = createMemoryStorage();
    const flaky = tableSource(cats, 1);
    await expect(fetchBreedRecords({ storage, source: flaky, type: "cat", breed: "Bengal", perBreed: 10 })).rejects.toThrow(/HTTP 503/);
    const source = tableSource(cats);
    expect(await fetchBreedRecords({ storage, source, type: "cat", breed: "Bengal", perBreed: 10 })).toEqual({ records: 3, pages: 1 });
    // The first page came from the failed try: one request for the rest.
    expect(source.requests).toBe(1);
    // Done: a retry (a worker killed after its put) asks nothing.
    expect(await fetchBreedRecords({ storage, source, type: "cat", breed: "Bengal", perBreed: 10 })).toEqual({ records: 3, pages: 0 });
    expect(source.requests).toBe(1);
  });

  test("the decision over the stored records: repeats dropped, the cap held, rows sorted by file and carrying their record", async () => {
    const storage = createMemoryStorage();
    const source = tableSource(cats);
    for (const breed of ["Bengal", "Siamese"]) await fetchBreedRecords({ storage, source, type: "cat", breed, perBreed: 10 });
    const plan = {
      type: "cat",
      perBreed: 10,
      cap: 4,
      size: "full" as const,
      concurrency: 4,
      breeds: 2,
      sources: [{ source, cache: undefined, cached: undefined, allBreeds: ["Bengal", "Siamese"], breeds: ["Bengal", "Siamese"] }],
    };
    const decided = await decideHarvestRows({ storage, plan });
    // Bengal: 9-1, 9-2, 3-1, 5-1 (cap 4: 5-2 over); Siamese: 3-1, 3-1 again (the Siamese search finds it too: a repeat), 7-1.
    expect(decided.rows.map((r) => r.origin!.file)).toEqual([
      "Bengal/table-3-1.jpg",
      "Bengal/table-5-1.jpg",
      "Bengal/table-9-1.jpg",
      "Bengal/table-9-2.jpg",
      "Siamese/table-3-1.jpg",
      "Siamese/table-7-1.jpg",
    ]);
    expect(decided).toMatchObject({ records: 5, overCap: 1, repeated: 2 });
    expect(decided.rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(decided.rows[0]).toEqual({
      url: "https://cdn.table.example/3/1.jpg",
      label: "Bengal",
      line: 1,
      origin: { file: "Bengal/table-3-1.jpg", folder: "Bengal", animal_id: 3, photo: 1, source: "table", source_id: 3 },
    });
    const shardPlan = harvestShardPlan(decided.rows, ["table"], 4);
    expect(shardPlan).toMatchObject({ format: "files", rows: 6, shards: 2, labels: ["Bengal", "Siamese"], input: { name: "harvest of table" } });
    // Other records decide other rows: another plan, which claimShardPlan refuses for this DEST.
    expect(harvestShardPlan(decided.rows.slice(1), ["table"], 4).input!.sha256).not.toBe(shardPlan.input!.sha256);
  });

  test("a harvest row's metadata and failure lines say what a one-process harvest's say", () => {
    const origin = { file: "Bengal/table-3-1.jpg", folder: "Bengal", animal_id: 3, photo: 1, source: "table", source_id: 3 };
    const base = { key: "000000000", line: 1, url: "https://cdn.table.example/3/1.jpg", label: "Bengal", origin, attempts: 1 };
    expect(metadataRowOf({ ...base, status: "stored", file: origin.file, bytes: 10, sha256: "ab", width: 2, height: 1 })).toEqual({
      file_name: "Bengal/table-3-1.jpg",
      breed: "Bengal",
      animal_id: 3,
      source: "table",
      source_id: 3,
      photo: 1,
      source_url: base.url,
      bytes: 10,
      sha256: "ab",
      width: 2,
      height: 1,
    });
    expect(failureRowOf({ ...base, status: "duplicate", bytes: 10, sha256: "ab", duplicate_of: "Bengal/table-1-1.jpg" })).toEqual({
      source_url: base.url,
      breed: "Bengal",
      animal_id: 3,
      source: "table",
      source_id: 3,
      reason: "duplicate",
      duplicate_of: "Bengal/table-1-1.jpg",
      attempts: 1,
      file_name: "Bengal/table-3-1.jpg",
    });
  });
});
