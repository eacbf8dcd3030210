import { createHash } from "node:crypto";
import { canonicalBreed, RESCUEGROUPS_CAT_BREEDS } from "@cat-harvest/photos";
import { CAT_BREEDS, createDataset, type RescueGroupsEmulator } from "@cat-harvest/rescuegroups-emulator";
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call, filterBody, readTruth, SEARCH, startSmall } from "./helpers.js";

let rg: RescueGroupsEmulator;
beforeAll(async () => {
  rg = await startSmall();
});
afterAll(() => rg.stop());

const siamese = () => CAT_BREEDS.find((b) => b.name === "Siamese")!;

describe("breeds", () => {
  test("the cat breeds list has ids and @cat-harvest/photos' RescueGroups names, Abyssinian as id 1", async () => {
    const { status, headers, body } = await call(rg, "/public/animals/breeds/search/cats/?limit=250");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/vnd.api+json");
    expect(body.data.map((b: { attributes: { name: string } }) => b.attributes.name).sort()).toEqual(RESCUEGROUPS_CAT_BREEDS.map((b) => b.name).sort());
    expect(body.data[0]).toEqual({ type: "breeds", id: "1", attributes: { name: "Abyssinian" } });
    for (const b of body.data) expect(canonicalBreed("rescuegroups", b.attributes.name).name).toBeTruthy();
    expect(body.meta).toMatchObject({ count: CAT_BREEDS.length, countReturned: CAT_BREEDS.length, pageReturned: 1, limit: 250, pages: 1 });
  });

  test("the all-species list holds other species too, paged", async () => {
    const { body } = await call(rg, "/public/animals/breeds?limit=25&page=2");
    expect(body.meta.count).toBeGreaterThan(CAT_BREEDS.length);
    expect(body.meta.pageReturned).toBe(2);
    expect(body.data).toHaveLength(25);
    expect((await call(rg, "/public/animals/breeds/search/dogs")).body.data.map((b: any) => b.attributes.name)).toContain("Beagle");
  });

  test("answers are gzip when the client takes it", async () => {
    const res = await fetch(`${rg.apiUrl}/public/animals/breeds`, { headers: { authorization: "demo", "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect((await res.json()).meta.count).toBeGreaterThan(0);
  });
});

describe("the adoptable cats search", () => {
  test("by breed (animals.breedPrimaryId), with pictures in included joined through relationships", async () => {
    const { status, body } = await call(rg, `${SEARCH}&limit=250`, { body: filterBody("animals.breedPrimaryId", siamese().id) });
    expect(status).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
    const included = new Map(body.included.map((p: any) => [p.id, p]));
    for (const animal of body.data) {
      expect(animal.type).toBe("animals");
      expect(typeof animal.id).toBe("string");
      expect(animal.attributes).toMatchObject({ breedPrimary: "Siamese", breedPrimaryId: Number(siamese().id) });
      expect(animal.attributes.pictureCount).toBe(animal.relationships.pictures.data.length);
      animal.relationships.pictures.data.forEach((ref: any, i: number) => {
        expect(ref.type).toBe("pictures");
        expect((included.get(ref.id) as any).attributes.order).toBe(i + 1);
      });
      expect(Object.values(animal.attributes)).not.toContain(null);
    }
    expect(body.included.length).toBe(body.data.reduce((n: number, a: any) => n + a.attributes.pictureCount, 0));
  });

  test("both picture shapes, mixed across animals: { url, resolutionX, resolutionY } objects and plain URL strings", async () => {
    const { body } = await call(rg, `${SEARCH}&limit=250`);
    const shapes = new Set(body.included.map((p: any) => typeof p.attributes.large));
    expect(shapes).toEqual(new Set(["object", "string"]));
    const object = body.included.find((p: any) => typeof p.attributes.large === "object");
    expect(object.attributes.large).toEqual({
      url: expect.stringMatching(/\/pictures\/animals\/\d+\/\d+\/\d+\.jpg\?width=500$/),
      resolutionX: 500,
      resolutionY: expect.any(Number),
    });
    const string = body.included.find((p: any) => typeof p.attributes.large === "string");
    expect(string.attributes.small).toMatch(/\?width=100$/);
    expect(string.attributes.original).toMatch(/\.jpg$/);
  });

  test("some cats have a secondary breed; without /haspic cats with no pictures are listed too", async () => {
    const { body } = await call(rg, "/public/animals/search/available/cats?limit=250&include=pictures");
    expect(body.data.some((a: any) => a.attributes.breedSecondary !== undefined && a.attributes.isBreedMixed === true)).toBe(true);
    const bare = body.data.filter((a: any) => a.attributes.pictureCount === 0);
    expect(bare.length).toBeGreaterThan(0);
    expect(bare[0].relationships.pictures).toBeUndefined();
    expect(bare[0].attributes.pictureThumbnailUrl).toBeUndefined();
    const haspic = await call(rg, `${SEARCH}&limit=1`);
    expect(haspic.body.meta.count).toBe(body.meta.count - bare.length);
  });

  test("paging meta: count, countReturned, pageReturned, limit, pages; a limit above 250 is cut to 250", async () => {
    const first = await call(rg, `${SEARCH}&limit=10&page=2`);
    expect(first.body.meta).toMatchObject({ countReturned: 10, pageReturned: 2, limit: 10, pages: Math.ceil(first.body.meta.count / 10) });
    expect(typeof first.body.meta.transactionId).toBe("string");
    expect((await call(rg, `${SEARCH}&limit=1000`)).body.meta.limit).toBe(250);
  });

  test("a page that matches nothing omits data (and included): only meta", async () => {
    const past = await call(rg, `${SEARCH}&limit=250&page=99`);
    expect(Object.keys(past.body)).toEqual(["meta"]);
    const none = await call(rg, SEARCH, { body: filterBody("animals.name", "nobody-is-called-this") });
    expect(none.body).toEqual({ meta: expect.objectContaining({ count: 0, countReturned: 0, pages: 0 }) });
    expect(Object.keys((await call(rg, "/public/animals/search/available/dogs/haspic")).body)).toEqual(["meta"]);
  });

  test("a filter field without the animals. prefix is a 400 naming the field, pointing into the body", async () => {
    const { status, body } = await call(rg, SEARCH, { body: filterBody("breedPrimaryId", "1") });
    expect(status).toBe(400);
    expect(body.errors[0]).toEqual({
      status: "400",
      title: "Bad Request",
      detail: '"breedPrimaryId" is not a valid filter field',
      source: { pointer: "/data/filters/0/fieldName" },
    });
    expect((await call(rg, SEARCH, { body: filterBody("animals.nope", "1") })).body.errors[0].detail).toBe('"animals.nope" is not a valid filter field');
  });

  test("breedPrimary contains, sex equal and an RFC 3339 date filter; a space-separated date is a 500", async () => {
    const contains = await call(rg, `${SEARCH}&limit=250`, { body: filterBody("animals.breedPrimary", "siam", "contains") });
    expect(contains.body.data.length).toBeGreaterThan(0);
    expect(contains.body.data.every((a: any) => /siam/i.test(a.attributes.breedPrimary))).toBe(true);
    const males = await call(rg, `${SEARCH}&limit=250`, { body: filterBody("animals.sex", "Male") });
    expect(males.body.data.every((a: any) => a.attributes.sex === "Male")).toBe(true);
    const recent = await call(rg, `${SEARCH}&limit=250`, { body: filterBody("animals.createdDate", "2025-01-01T00:00:00Z", "greaterthan") });
    expect(recent.status).toBe(200);
    expect(recent.body.data.every((a: any) => a.attributes.createdDate > "2025-01-01")).toBe(true);
    expect((await call(rg, SEARCH, { body: filterBody("animals.createdDate", "2025-01-01 00:00:00", "greaterthan") })).status).toBe(500);
  });

  test("one species per call: dogs,cats and unknown species are 404s; one animal by id", async () => {
    expect((await call(rg, "/public/animals/search/available/dogs,cats/haspic")).status).toBe(404);
    expect((await call(rg, "/public/animals/search/available/unicorns")).status).toBe(404);
    const id = String(rg.dataset.animalIds[3]);
    const one = await call(rg, `/public/animals/${id}?include=pictures`);
    expect(one.body.data[0].id).toBe(id);
    expect(one.body.included.length).toBe(one.body.data[0].attributes.pictureCount);
    expect((await call(rg, "/public/animals/1")).status).toBe(404);
  });
});

describe("the key", () => {
  test.each([
    ["missing", null],
    ["wrong", "not-the-key"],
    ["Bearer-prefixed", "Bearer demo"],
  ])("a %s key is a 401 JSON:API error that does not echo it", async (_, key) => {
    const { status, body, text } = await call(rg, "/public/animals/breeds", { key });
    expect(status).toBe(401);
    expect(body.errors[0].status).toBe("401");
    if (key) expect(text).not.toContain(key);
  });
});

describe("pictures and the truth", () => {
  test("every picture URL an answer lists is in the truth, with real JPEG bytes whose size and sha256 match", async () => {
    const { body } = await call(rg, `${SEARCH}&limit=5`, { body: filterBody("animals.breedPrimaryId", siamese().id) });
    const truth = new Map((await readTruth(rg, `?breedPrimaryId=${siamese().id}`)).map((t) => [t.url, t]));
    for (const picture of body.included) {
      for (const size of ["original", "large", "small"] as const) {
        const value = picture.attributes[size];
        const url = typeof value === "string" ? value : value.url;
        const entry = truth.get(url)!;
        expect(entry).toMatchObject({ size, breeds: expect.arrayContaining(["Siamese"]) });
        const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(entry.sha256);
        const decoded = jpeg.decode(bytes);
        if (size !== "original") expect(decoded.width).toBe(size === "large" ? 500 : 100);
      }
    }
  });

  test("a few pictures are byte-identical re-posts under another animal; the truth has one line per URL", async () => {
    const data = createDataset(1, 1);
    const reposts = data.content.filter((c, p) => c !== p).length;
    expect(reposts / data.content.length).toBeGreaterThan(0.002);
    const truth = await readTruth(rg, "?size=original");
    expect(new Set(truth.map((t) => t.url)).size).toBe(truth.length);
    const byHash = new Map<string, Set<string>>();
    for (const t of truth) byHash.set(t.sha256, (byHash.get(t.sha256) ?? new Set()).add(t.animal_id));
    expect([...byHash.values()].some((animals) => animals.size > 1)).toBe(true);
  });

  test("a CDN path with wrong folders, an unknown picture or another width is a 404; HEAD works", async () => {
    const [entry] = await readTruth(rg, "?size=original");
    expect((await fetch(entry!.url.replace(/\/(\d+)\/pictures/, "/9$1/pictures"))).status).toBe(404);
    expect((await fetch(`${entry!.url}?width=333`)).status).toBe(404);
    expect((await fetch(`${rg.url}/1/pictures/animals/1/1/1.jpg`)).status).toBe(404);
    const head = await fetch(entry!.url, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(entry!.bytes));
  });

  test("the truth refuses an unknown size; stats count routes by status", async () => {
    expect((await fetch(`${rg.url}/_emulator/truth?size=huge`)).status).toBe(400);
    const stats = rg.stats();
    expect(stats.routes["GET /v5/public/animals/breeds"]!["200"]).toBeGreaterThan(0);
    expect(stats.routes["GET picture"]!["200"]).toBeGreaterThan(0);
    expect(stats.routes["POST /v5/public/animals/search/available/{species}/haspic"]!["400"]).toBeGreaterThan(0);
  });
});

describe("determinism", () => {
  test("the same seed and scale give the same answers and truth; another seed does not", async () => {
    const again = await startSmall();
    const other = await startSmall({ seed: 6 });
    try {
      const page = async (e: RescueGroupsEmulator) => (await call(e, `${SEARCH}&limit=50`)).text.replaceAll(e.url, "ORIGIN");
      expect(await page(again)).toBe(await page(rg));
      expect(await page(other)).not.toBe(await page(rg));
      const truth = async (e: RescueGroupsEmulator) => (await readTruth(e)).map((t) => ({ ...t, url: t.url.replace(e.url, "") }));
      expect(await truth(again)).toEqual(await truth(rg));
    } finally {
      await Promise.all([again.stop(), other.stop()]);
    }
  });

  test("scale 1 is about 12,000 cats with pictures, every cat breed present, Domestic Short Hair the most common", () => {
    const data = createDataset(1, 1);
    expect(data.count).toBe(12_000);
    expect(data.byBreed.every((cats) => cats.length > 0)).toBe(true);
    const biggest = data.byBreed.reduce((best, cats, b) => (cats.length > data.byBreed[best]!.length ? b : best), 0);
    expect(CAT_BREEDS[biggest]!.name).toBe("Domestic Short Hair");
    expect(data.pictureStart[data.count]).toBeGreaterThan(20_000);
  });
});
