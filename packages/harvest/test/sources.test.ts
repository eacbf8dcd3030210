import { createHash } from "node:crypto";
import { createPetfinderClient, createPetfinderSource } from "@cat-harvest/petfinder";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { createRescueGroupsClient, createRescueGroupsSource } from "@cat-harvest/rescuegroups";
import { readTruth as readRescueGroupsTruth, startRescueGroupsEmulator, type RescueGroupsEmulator } from "@cat-harvest/rescuegroups-emulator";
import { createMemoryStorage, type MemoryStorage } from "@cat-harvest/storage";
import { createCatApiClient, createCatApiSource, type CatApiRecord } from "@cat-harvest/thecatapi";
import { readTruth as readCatApiTruth, startCatApiEmulator, type CatApiEmulator } from "@cat-harvest/thecatapi-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  HarvestCredentialsError,
  SOURCES_FILE,
  harvest,
  recordsCacheFile,
  type HarvestOptions,
  type PhotoSource,
  type RecordsCacheLocation,
} from "../src/index.js";

/** A memory storage whose objects outlive close(), so a second run can reopen them. */
function reopenable(objects = new Map<string, Uint8Array>()): MemoryStorage {
  const inner = createMemoryStorage();
  for (const [k, v] of objects) (inner.objects as Map<string, Uint8Array>).set(k, v);
  return { ...inner, close: async () => {} };
}
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const rows = (storage: MemoryStorage) =>
  text(storage.objects.get("metadata.jsonl"))
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const photos = (storage: MemoryStorage) => [...storage.objects.keys()].filter((k) => k.includes("/")).sort();
/** The bytes stored, by content, with how many files hold them. */
const contents = (storage: MemoryStorage) => new Set(photos(storage).map((k) => sha(storage.objects.get(k)!)));

let petfinder: Emulator;
let cats: CatApiEmulator;
let rescue: RescueGroupsEmulator;
beforeAll(async () => {
  [petfinder, cats, rescue] = await Promise.all([
    startEmulator({ seed: 3, scale: 0.02, port: 0 }),
    startCatApiEmulator({ seed: 3, scale: 0.02, rateLimit: 0 }),
    startRescueGroupsEmulator({ seed: 3, scale: 0.05, rateLimit: 0 }),
  ]);
});
afterAll(async () => {
  await Promise.all([petfinder?.stop(), cats?.stop(), rescue?.stop()]);
});

const petfinderSource = () => createPetfinderSource(createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: petfinder.url }));
const catApiSource = (apiKey = "demo", baseUrl = cats.apiUrl) =>
  createCatApiSource(createCatApiClient({ apiKey, baseUrl, requestsPerSecond: 50, retry: { limit: 0 } }));
const rescueGroupsSource = (apiKey = "demo", baseUrl = rescue.apiUrl) =>
  createRescueGroupsSource(createRescueGroupsClient({ apiKey, baseUrl, requestsPerSecond: 50, retry: { limit: 0 } }));

/** A loopback port free now, so an emulator can be stopped and another started at the same URL. */
const freePort = () =>
  new Promise<number>((resolve) => {
    void import("node:net").then(({ createServer }) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
  });

describe("one source at a time, over HTTP, byte for byte against the emulator's truth", () => {
  test("The Cat API: every Bengal image, as <Breed>/thecatapi-<id>.<ext>, with source and source_id", async () => {
    const storage = reopenable();
    const summary = await harvest({ sources: [catApiSource()], storage, breeds: ["bengal"], concurrency: 8 });
    expect(summary.status).toBe("complete");
    const truth = await readCatApiTruth(cats, "?breed_ids=beng");
    expect(truth.length).toBeGreaterThan(0);
    expect(photos(storage)).toEqual(truth.map((t) => `Bengal/thecatapi-${t.image_id}.${t.url.split(".").pop()}`).sort());
    expect(contents(storage)).toEqual(new Set(truth.map((t) => t.sha256)));
    for (const row of rows(storage)) {
      expect(row).toMatchObject({ source: "thecatapi", breed: "Bengal", animal_id: null });
      expect(row.file_name).toBe(`Bengal/thecatapi-${String(row.source_id)}.${String(row.source_url).split(".").pop()}`);
    }
    expect(text(storage.objects.get(SOURCES_FILE))).toContain("## The Cat API (`thecatapi`)");
  });

  test("RescueGroups.org: every picture of the Siamese cats, as <Breed>/rescuegroups-<animalId>-<photo>.jpg", async () => {
    const storage = reopenable();
    const summary = await harvest({ sources: [rescueGroupsSource()], storage, breeds: ["Siamese"], size: "large", concurrency: 8 });
    expect(summary.status).toBe("complete");
    const breeds = await createRescueGroupsClient({ apiKey: "demo", baseUrl: rescue.apiUrl }).catBreeds();
    const id = breeds.find((b) => b.name === "Siamese")!.id;
    const truth = await readRescueGroupsTruth(rescue, `?breedPrimaryId=${id}&size=large`);
    expect(truth.length).toBeGreaterThan(0);
    expect(photos(storage).every((k) => /^Siamese\/rescuegroups-\d+-\d+\.jpg$/.test(k))).toBe(true);
    expect(contents(storage)).toEqual(new Set(truth.map((t) => t.sha256)));
    expect(rows(storage).every((row) => row.source === "rescuegroups" && row.animal_id === row.source_id)).toBe(true);
    expect(text(storage.objects.get(SOURCES_FILE))).toContain("## RescueGroups.org (`rescuegroups`)");
  });

  test.each([
    ["thecatapi", () => catApiSource("wrong")],
    ["rescuegroups", () => rescueGroupsSource("wrong")],
  ])("%s: a refused key stops before anything is written, naming the option, never the key", async (_name, source) => {
    const storage = reopenable();
    const error = await harvest({ sources: [source()], storage }).catch((e: unknown) => e);
    expect(HarvestCredentialsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("apiKey");
    expect((error as Error).message).not.toContain("wrong");
    expect(storage.objects.size).toBe(0);
  });
});

describe("three sources in one data set", () => {
  const cacheOf =
    (storage: MemoryStorage) =>
    (source: string): RecordsCacheLocation => ({
      storage,
      key: source === "petfinder" ? "cat-harvest-records.jsonl.gz" : recordsCacheFile(source),
    });

  test("Siamese from three sources lands in one folder, SOURCES.md lists the three, and a re-run stores nothing and keeps the same files", async () => {
    const storage = reopenable();
    const sources = () => [petfinderSource(), rescueGroupsSource(), catApiSource()];
    const summary = await harvest({ sources: sources(), storage, cache: cacheOf(storage), breeds: ["Siamese"], size: "large", concurrency: 8 });
    expect(summary.status).toBe("complete");
    const files = photos(storage);
    expect(new Set(files.map((f) => f.split("/")[0]))).toEqual(new Set(["Siamese"]));
    expect(new Set(rows(storage).map((r) => r.source))).toEqual(new Set(["petfinder", "rescuegroups", "thecatapi"]));
    // One file per content in a folder: duplicates across sources are stored once.
    expect(contents(storage).size).toBe(files.length);
    const listed = text(storage.objects.get(SOURCES_FILE));
    for (const title of ["Petfinder", "RescueGroups.org", "The Cat API"]) expect(listed).toContain(`## ${title} (`);
    expect(storage.objects.has(recordsCacheFile("thecatapi"))).toBe(true);

    const again = reopenable(new Map(storage.objects));
    const second = await harvest({ sources: sources(), storage: again, cache: cacheOf(again), breeds: ["Siamese"], size: "large", concurrency: 8 });
    expect(second.stored).toBe(0);
    expect(photos(again)).toEqual(files);
    expect(text(again.objects.get("metadata.jsonl"))).toBe(text(storage.objects.get("metadata.jsonl")));
  });

  test("a photo two sources post is stored once, the same file kept whichever source comes first", async () => {
    // A second source serving The Cat API's very images under its own names: every photo is a cross-posted duplicate.
    const mirror = (): PhotoSource<CatApiRecord> => {
      const cats = catApiSource();
      return {
        ...cats,
        name: "mirror",
        terms: { ...cats.terms, title: "Mirror" },
        candidates: (record, options) =>
          cats.candidates(record, options).map((c) => ({ ...c, source: "mirror", fileName: c.fileName!.replace("thecatapi-", "mirror-") })),
      };
    };
    const runs = [];
    for (const sources of [
      [catApiSource(), mirror()],
      [mirror(), catApiSource()],
    ]) {
      const storage = reopenable();
      const summary = await harvest({ sources, storage, breeds: ["Bengal"], concurrency: 8 });
      expect(summary.status).toBe("complete");
      const duplicates = text(storage.objects.get("failures.jsonl"))
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { reason: string; duplicate_of: string });
      expect(duplicates.length).toBe(photos(storage).length);
      expect(duplicates.every((d) => d.reason === "duplicate" && d.duplicate_of.startsWith("Bengal/mirror-"))).toBe(true);
      runs.push(photos(storage));
    }
    expect(runs[0]!.every((f) => f.startsWith("Bengal/mirror-"))).toBe(true);
    expect(runs[1]).toEqual(runs[0]);
  });

  /** The Cat API with a monthly quota, RescueGroups.org with a daily one: each emulator at `port`, limited or not, and a source reading it. */
  const quotaCases = [
    {
      name: "thecatapi",
      start: (port: number, limited: boolean) => startCatApiEmulator({ seed: 3, scale: 0.02, rateLimit: 0, port, ...(limited ? { monthlyLimit: 3 } : {}) }),
      source: (apiUrl: string) => catApiSource("demo", apiUrl),
    },
    {
      name: "rescuegroups",
      start: (port: number, limited: boolean) => startRescueGroupsEmulator({ seed: 3, scale: 0.05, rateLimit: 0, port, ...(limited ? { dailyLimit: 3 } : {}) }),
      source: (apiUrl: string) => rescueGroupsSource("demo", apiUrl),
    },
  ];

  test.each(quotaCases)("a source whose quota runs out ($name) stops cleanly while the others complete, and the next run continues it", async (quotaCase) => {
    const port = await freePort();
    const limited = await quotaCase.start(port, true);
    const storage = reopenable();
    const breeds = ["Siamese", "Bengal", "Persian", "Abyssinian"];
    let one;
    try {
      one = await harvest({ sources: [petfinderSource(), quotaCase.source(limited.apiUrl)], storage, cache: cacheOf(storage), breeds, concurrency: 8 });
    } finally {
      await limited.stop();
    }
    expect(one.status).toBe("partial");
    expect(one.quota?.source).toBe(quotaCase.name);
    expect(one.quotaResetAt).toBeDefined();
    expect(rows(storage).some((r) => r.source === "petfinder")).toBe(true);
    // The quota is back (a new month or day): the same endpoint, the kept records, the rest fetched.
    const fresh = await quotaCase.start(port, false);
    try {
      const next = reopenable(new Map(storage.objects));
      const sources = () => [petfinderSource(), quotaCase.source(fresh.apiUrl)];
      const two = await harvest({ sources: sources(), storage: next, cache: cacheOf(next), breeds, concurrency: 8 });
      expect(two.status).toBe("complete");
      expect(rows(next).some((r) => r.source === quotaCase.name)).toBe(true);
      const clean = reopenable();
      await harvest({ sources: sources(), storage: clean, breeds, concurrency: 8 });
      expect(photos(next)).toEqual(photos(clean));
    } finally {
      await fresh.stop();
    }
  });
});

describe("faults at rate 0.1: re-runs end with every photo of the truth stored byte for byte", () => {
  /** Harvests until complete (at most 4 runs, each resuming what the last one stored), as a user re-running the command does. */
  async function harvestThroughFaults(sources: () => PhotoSource[], options: Pick<HarvestOptions, "breeds" | "size">): Promise<MemoryStorage> {
    let storage = reopenable();
    let summary = await harvest({ sources: sources(), storage, concurrency: 8, ...options });
    for (let i = 0; i < 3 && summary.status !== "complete"; i++) {
      storage = reopenable(new Map(storage.objects));
      summary = await harvest({ sources: sources(), storage, concurrency: 8, ...options });
    }
    expect(summary.status, JSON.stringify(summary.failureReasons)).toBe("complete");
    const failures = text(storage.objects.get("failures.jsonl"))
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { reason: string });
    expect(failures.filter((f) => f.reason !== "duplicate")).toEqual([]);
    for (const row of rows(storage)) expect(sha(storage.objects.get(String(row.file_name))!)).toBe(row.sha256);
    return storage;
  }
  const faultsServed = async (emulator: { readonly url: string }) => {
    const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as { faults: Record<string, number> };
    return Object.values(stats.faults).reduce((a, b) => a + b, 0);
  };

  test("The Cat API: every Bengal image", async () => {
    const faulty = await startCatApiEmulator({ seed: 5, scale: 0.1, rateLimit: 0, faultRate: 0.1, stallMs: 1000 });
    try {
      const source = () => createCatApiSource(createCatApiClient({ apiKey: "demo", baseUrl: faulty.apiUrl, requestsPerSecond: 50 }));
      const storage = await harvestThroughFaults(() => [source()], { breeds: ["Bengal"] });
      const truth = await readCatApiTruth(faulty, "?breed_ids=beng");
      expect(truth.length).toBeGreaterThan(10);
      expect(photos(storage)).toEqual(truth.map((t) => `Bengal/thecatapi-${t.image_id}.${t.url.split(".").pop()}`).sort());
      expect(contents(storage)).toEqual(new Set(truth.map((t) => t.sha256)));
      expect(await faultsServed(faulty)).toBeGreaterThan(10);
    } finally {
      await faulty.stop();
    }
  }, 120_000);

  test("RescueGroups.org: every large picture of the Siamese cats", async () => {
    const faulty = await startRescueGroupsEmulator({ seed: 5, scale: 0.2, rateLimit: 0, faultRate: 0.1, stallMs: 1000 });
    try {
      const client = () => createRescueGroupsClient({ apiKey: "demo", baseUrl: faulty.apiUrl, requestsPerSecond: 50 });
      const storage = await harvestThroughFaults(() => [createRescueGroupsSource(client())], { breeds: ["Siamese"], size: "large" });
      const id = (await client().catBreeds()).find((b) => b.name === "Siamese")!.id;
      const truth = await readRescueGroupsTruth(faulty, `?breedPrimaryId=${id}&size=large`);
      expect(truth.length).toBeGreaterThan(10);
      expect(photos(storage).every((k) => /^Siamese\/rescuegroups-\d+-\d+\.jpg$/.test(k))).toBe(true);
      expect(contents(storage)).toEqual(new Set(truth.map((t) => t.sha256)));
      expect(await faultsServed(faulty)).toBeGreaterThan(10);
    } finally {
      await faulty.stop();
    }
  }, 120_000);
});
