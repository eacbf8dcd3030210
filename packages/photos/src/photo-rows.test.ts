import { describe, expect, test } from "vitest";
import {
  createBreedCounter,
  createPhotoRowDeduper,
  photoRows,
  type AnimalLike,
  type PhotoRow,
  type PhotoRowsOptions,
  type PhotoSkip,
} from "./index.js";

const CF = "https://dl5zpyw5k3jeb.cloudfront.net";
const cat = (id: number, primary: string, secondary: string | null, slots: number[], urlOf?: (slot: number) => string): AnimalLike => ({
  id,
  breeds: { primary, secondary },
  photos: slots.map((slot) => ({ full: urlOf ? urlOf(slot) : `${CF}/photos/pets/${id}/${slot}/?bust=${id}` })),
});

async function collect(animals: AsyncIterable<AnimalLike> | Iterable<AnimalLike>, options: PhotoRowsOptions = {}) {
  const skips: PhotoSkip[] = [];
  const rows: PhotoRow[] = [];
  for await (const row of photoRows(animals, { ...options, onSkip: (s) => skips.push(s) })) rows.push(row);
  return { keys: rows.map((r) => r.key), skips: skips.map((s) => `${s.reason} ${s.breed ?? ""}/${s.animalId}-${s.photo ?? ""}`) };
}

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    yield item;
  }
}

describe("photoRows", () => {
  test.each([
    [
      "the same animal found by both breeds' searches",
      [cat(1, "Siamese", "Tabby", [1]), cat(1, "Siamese", "Tabby", [1])],
      {},
      ["Siamese/1-1.jpg", "Tabby/1-1.jpg"],
      ["duplicate-photo Siamese/1-1", "duplicate-photo Tabby/1-1"],
    ],
    [
      "a re-listed photo with a new bust",
      [cat(1, "Bengal", null, [1]), { id: 1, breeds: { primary: "Bengal", secondary: null }, photos: [{ full: `${CF}/photos/pets/1/1/?bust=999` }] }],
      {},
      ["Bengal/1-1.jpg"],
      ["duplicate-photo Bengal/1-1"],
    ],
    [
      "one URL posted under two animals in one folder",
      [cat(1, "Bengal", null, [1], () => "https://example.org/shared.jpg"), cat(2, "Bengal", "Manx", [1], () => "https://example.org/shared.jpg?bust=5")],
      {},
      ["Bengal/1-1.jpg", "Manx/2-1.jpg"],
      ["duplicate-url Bengal/2-1"],
    ],
    [
      "de-duplication off",
      [cat(1, "Bengal", null, [1]), cat(1, "Bengal", null, [1])],
      { dedupe: false },
      ["Bengal/1-1.jpg", "Bengal/1-1.jpg"],
      [],
    ],
    [
      "a cap of 2 per breed",
      [cat(1, "Bengal", "Manx", [1, 2]), cat(2, "Bengal", null, [1]), cat(3, "Manx", null, [1])],
      { perBreedCap: 2 },
      ["Bengal/1-1.jpg", "Bengal/1-2.jpg", "Manx/1-1.jpg", "Manx/1-2.jpg"],
      ["over-cap Bengal/2-1", "over-cap Manx/3-1"],
    ],
    [
      "a cap of 0",
      [cat(1, "Bengal", null, [1])],
      { perBreedCap: 0 },
      [],
      ["over-cap Bengal/1-1"],
    ],
    [
      "duplicates do not use up the cap",
      [cat(1, "Bengal", null, [1]), cat(1, "Bengal", null, [1]), cat(2, "Bengal", null, [1])],
      { perBreedCap: 2 },
      ["Bengal/1-1.jpg", "Bengal/2-1.jpg"],
      ["duplicate-photo Bengal/1-1"],
    ],
    [
      "bad animals in the stream",
      [null as unknown as AnimalLike, cat(2, "Bengal", null, [1]), { id: 3 } as AnimalLike],
      {},
      ["Bengal/2-1.jpg"],
      ["invalid-animal /null-", "no-photos /3-"],
    ],
  ] as const)("%s", async (_label, animals, options, keys, skips) => {
    for (const source of [animals, slowly([...animals])]) {
      const result = await collect(source as Iterable<AnimalLike>, options as PhotoRowsOptions);
      expect(result.keys).toEqual(keys);
      expect(result.skips).toEqual(skips);
    }
  });

  test("counts what it keeps per breed, after de-duplication and the cap", async () => {
    const counter = createBreedCounter();
    const animals = [cat(1, "Domestic Short Hair", "Tabby", [1, 2, 3]), cat(1, "Domestic Short Hair", "Tabby", [1]), cat(2, "Domestic Short Hair", null, [1, 2])];
    await collect(animals, { counter, perBreedCap: 4 });
    expect(counter.counts()).toEqual([
      { breed: "Domestic Short Hair", folder: "Domestic_Short_Hair", images: 4 },
      { breed: "Tabby", folder: "Tabby", images: 3 },
    ]);
    expect(counter.total).toBe(7);
  });

  test("shares a deduper between streams (several searches, or a resumed run)", async () => {
    const deduper = createPhotoRowDeduper();
    expect((await collect([cat(1, "Bengal", null, [1])], { deduper })).keys).toEqual(["Bengal/1-1.jpg"]);
    expect((await collect([cat(1, "Bengal", null, [1, 2])], { deduper })).keys).toEqual(["Bengal/1-2.jpg"]);
    expect(deduper.size).toBe(4);
  });

  test("pulls animals one at a time and keeps only two short keys per distinct photo", async () => {
    let pulled = 0;
    function* animals(): Generator<AnimalLike> {
      for (let id = 1; id <= 20_000; id++) {
        pulled++;
        yield cat(id, id % 2 ? "Bengal" : "Manx", null, [1, 2]);
      }
    }
    const deduper = createPhotoRowDeduper();
    const rows = photoRows(animals(), { deduper });
    const first = await rows.next();
    expect(first.value).toMatchObject({ key: "Bengal/1-1.jpg" });
    expect(pulled).toBe(1);
    let count = 1;
    for await (const _ of rows) count++;
    expect(pulled).toBe(20_000);
    expect(count).toBe(40_000);
    expect(deduper.size).toBe(80_000);
  });

  test("stops with the signal's reason", async () => {
    const controller = new AbortController();
    const rows = photoRows([cat(1, "Bengal", null, [1]), cat(2, "Bengal", null, [1])], { signal: controller.signal });
    await rows.next();
    controller.abort(new Error("stop here"));
    await expect(rows.next()).rejects.toThrow("stop here");
  });

  test.each([
    [{ perBreedCap: -1 }],
    [{ perBreedCap: 1.5 }],
    [{ perBreedCap: Number.NaN }],
    [{ perBreedCap: "5" as unknown as number }],
  ])("refuses the options %j with a TypeError", async (options) => {
    await expect(photoRows([], options).next()).rejects.toThrow(TypeError);
  });

  test("refuses something that is not iterable with a TypeError", async () => {
    await expect(photoRows(42 as unknown as AnimalLike[]).next()).rejects.toThrow(TypeError);
  });
});
