import { createHash } from "node:crypto";
import { type Emulator, PIXEL_WIDTHS, type PhotoSize, type TruthEntry, createDataset, expectedHarvest, truthEntries } from "@cat-harvest/petfinder-emulator";
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, startSmall, token } from "./helpers.js";
import { inspectJpeg, withoutComments } from "./jpeg-inspect.js";

const SCALE = 0.002;
let emulator: Emulator;
let truth: TruthEntry[];

async function readTruth(e: Emulator, query = ""): Promise<TruthEntry[]> {
  const res = await fetch(`${e.url}/_emulator/truth${query}`);
  expect(res.headers.get("content-type")).toBe("application/x-ndjson");
  const text = await res.text();
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as TruthEntry);
}

async function download(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Runs `fn` over `items` with a few requests in flight. */
async function pool<T>(items: readonly T[], fn: (item: T) => Promise<void>, width = 16): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

beforeAll(async () => {
  emulator = await startSmall({ scale: SCALE });
  truth = await readTruth(emulator);
});
afterAll(() => emulator.stop());

describe("photo CDN and ground truth", () => {
  test("truth lists every photo URL the API lists, and nothing else", async () => {
    const bearer = await token(emulator);
    const listed = new Set<string>();
    let href: string | undefined = "/v2/animals?status=adoptable,adopted,found&limit=100";
    while (href) {
      const res: { status: number; body: any } = await get(emulator, href, bearer);
      for (const a of res.body.animals) {
        for (const p of a.photos) for (const u of Object.values(p)) listed.add(u as string);
        if (a.primary_photo_cropped) for (const u of Object.values(a.primary_photo_cropped)) listed.add(u as string);
      }
      href = res.body.pagination._links.next?.href;
    }
    const urls = truth.map((e) => e.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(new Set(urls)).toEqual(listed);
    expect(urls.some((u) => u.includes("/photos/pets/"))).toBe(true);
    expect(urls.some((u) => /\/animal\/[0-9a-f-]{36}\/image\/[0-9a-f-]{36}\.jpe?g\?versionId=[0-9a-f]{32}&bust=\d+/.test(u))).toBe(true);
    for (const u of urls) expect(u.startsWith(`${emulator.url}/`)).toBe(true);
  });

  test("every truth entry is served with the bytes and sha256 it claims, as a JPEG of its size class", async () => {
    const pictures = new Map<string, { size: PhotoSize; bytes: Uint8Array }>();
    await pool(truth, async (entry) => {
      const bytes = await download(entry.url);
      expect(bytes.length, entry.url).toBe(entry.bytes);
      expect(createHash("sha256").update(bytes).digest("hex"), entry.url).toBe(entry.sha256);
      const info = inspectJpeg(bytes);
      expect(info.endsWithEoi).toBe(true);
      expect(info.width, entry.url).toBe(PIXEL_WIDTHS[entry.size]);
      // Group by the picture a decoder sees (the bytes without comment segments).
      const key = createHash("sha256").update(withoutComments(bytes)).digest("hex");
      if (!pictures.has(key)) pictures.set(key, { size: entry.size, bytes });
    });
    // Decode one served file per distinct picture with an independent decoder.
    expect(pictures.size).toBeGreaterThan(10);
    for (const { size, bytes } of pictures.values()) {
      const decoded = jpeg.decode(bytes, { useTArray: true });
      expect(decoded.width).toBe(PIXEL_WIDTHS[size]);
      expect(decoded.height).toBeGreaterThan(50);
    }
  }, 90_000);

  test("bigger size classes are bigger files and every (photo, size) has its own bytes, except re-posts", () => {
    const byPhoto = new Map<string, Map<PhotoSize, TruthEntry>>();
    for (const e of truth) {
      const key = `${e.animal_id}/${e.photo}`;
      if (!byPhoto.has(key)) byPhoto.set(key, new Map());
      byPhoto.get(key)!.set(e.size, e);
    }
    for (const sizes of byPhoto.values()) {
      expect(sizes.get("small")!.bytes).toBeLessThan(sizes.get("medium")!.bytes);
      expect(sizes.get("medium")!.bytes).toBeLessThan(sizes.get("large")!.bytes);
      expect(sizes.get("large")!.bytes).toBeLessThan(sizes.get("full")!.bytes);
    }
    expect(Math.max(...truth.filter((e) => e.size === "full").map((e) => e.bytes))).toBeGreaterThan(30_000);
    const owners = new Map<string, Set<number>>();
    for (const e of truth) {
      if (!owners.has(e.sha256)) owners.set(e.sha256, new Set());
      owners.get(e.sha256)!.add(e.animal_id);
    }
    const reposted = [...owners.values()].filter((ids) => ids.size > 1);
    const fullCount = truth.filter((e) => e.size === "full").length;
    const repostedFull = new Set(truth.filter((e) => e.size === "full" && owners.get(e.sha256)!.size > 1).map((e) => e.sha256));
    expect(reposted.length).toBeGreaterThan(0);
    expect(repostedFull.size / fullCount).toBeLessThan(0.05);
    // Apart from re-posts, a hash belongs to exactly one URL.
    const perHash = new Map<string, number>();
    for (const e of truth) perHash.set(e.sha256, (perHash.get(e.sha256) ?? 0) + 1);
    for (const [hash, n] of perHash) if (n > 1) expect(owners.get(hash)!.size).toBe(n);
  });

  test("truth can be narrowed by type, size and status, and matches the data-level helper", async () => {
    const cats = await readTruth(emulator, "?type=cat&size=full&status=adoptable");
    expect(cats.length).toBeGreaterThan(0);
    expect(cats.every((e) => e.size === "full")).toBe(true);
    const data = createDataset(7, SCALE);
    const local = [...truthEntries(emulator.url, data, { types: [1], sizes: ["full"], statuses: [0] })];
    expect(cats).toEqual(local.map((e) => ({ ...e })));
    expect((await fetch(`${emulator.url}/_emulator/truth?size=huge`)).status).toBe(400);
  });

  test("HEAD gives the length without a body, and unlisted photo URLs are 404", async () => {
    const entry = truth.find((e) => e.photo === 2 && e.url.includes("/photos/pets/"))!;
    const head = await fetch(entry.url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBe(entry.bytes);
    const u = new URL(entry.url);
    const bad = [
      entry.url.replace("width=", "width=1"),
      entry.url.replace(/width=\d+/, "width=450"),
      entry.url.replace(`/${entry.animal_id}/`, "/1/"),
      entry.url.replace("/2/?", "/9/?"),
      `${u.origin}/photos/pets/abc/1/`,
      truth.find((e) => e.url.includes("/image/"))!.url.replace(/\/image\/[0-9a-f]/, "/image/0"),
    ];
    for (const url of bad) {
      const res = await fetch(url);
      expect(res.status, url).toBe(404);
      await res.arrayBuffer();
    }
  });

  test("the same seed gives the same bytes; another seed different ones", async () => {
    const again = await startSmall({ scale: SCALE });
    const other = await startSmall({ scale: SCALE, seed: 8 });
    try {
      const strip = (entries: TruthEntry[], origin: string) => entries.map((e) => ({ ...e, url: e.url.slice(origin.length) }));
      const second = await readTruth(again);
      expect(strip(second, again.url)).toEqual(strip(truth, emulator.url));
      const sample = truth.filter((_, i) => i % 97 === 0);
      for (const e of sample) {
        const a = await download(e.url);
        const b = await download(`${again.url}${e.url.slice(emulator.url.length)}`);
        expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      }
      const third = await readTruth(other);
      const hashes = new Set(truth.map((e) => e.sha256));
      expect(third.filter((e) => hashes.has(e.sha256))).toEqual([]);
    } finally {
      await Promise.all([again.stop(), other.stop()]);
    }
  });
});

describe("warm-up", () => {
  test("an emulator warming its templates serves photos and stops cleanly", async () => {
    const warm = await startSmall({ scale: SCALE, warmUp: true });
    try {
      const entry = truth.find((e) => e.size === "medium")!;
      const bytes = await download(`${warm.url}${entry.url.slice(emulator.url.length)}`);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(entry.sha256);
    } finally {
      await warm.stop();
    }
  });
});

describe("data at scale 1", () => {
  test("a 1,500-per-breed cat harvest finds about 32,000 records and 45,000 photos, in the CSV's breed order", () => {
    const data = createDataset(1, 1);
    const h = expectedHarvest(data);
    expect(h.records).toBeGreaterThan(30_000);
    expect(h.records).toBeLessThan(34_000);
    expect(h.photos).toBeGreaterThan(40_000);
    expect(h.photos).toBeLessThan(50_000);
    const byImages = [...h.breeds].sort((a, b) => b.images - a.images).map((b) => b.breed);
    expect(byImages[0]).toBe("Domestic Short Hair");
    expect(byImages.slice(0, 12)).toContain("Siamese");
    expect(h.breeds.every((b) => b.matches > 0)).toBe(true);
    let withoutPhotos = 0;
    let cats = 0;
    for (let i = 0; i < data.count; i++) {
      if (data.type[i] !== 1) continue;
      cats++;
      if (data.photos[i] === 0) withoutPhotos++;
    }
    expect(withoutPhotos / cats).toBeGreaterThan(0.17);
    expect(withoutPhotos / cats).toBeLessThan(0.23);
  });
});
