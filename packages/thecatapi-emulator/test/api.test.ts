import { BREED_TABLE, type CatApiEmulator, type ImageObject, type TruthEntry } from "@cat-harvest/thecatapi-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, readTruth, startSmall } from "./helpers.js";

let emulator: CatApiEmulator;
let truth: TruthEntry[];

beforeAll(async () => {
  emulator = await startSmall();
  truth = await readTruth(emulator);
});
afterAll(() => emulator.stop());

/** Every image of a query, paged with order=ASC and the largest limit. */
async function pageAll(query: string): Promise<ImageObject[]> {
  const all: ImageObject[] = [];
  for (let page = 0; ; page++) {
    const res = await get<ImageObject[]>(emulator, `/images/search?${query}&order=ASC&limit=25&page=${page}`);
    expect(res.status).toBe(200);
    all.push(...res.body);
    if (res.body.length < 25) return all;
  }
}

describe("GET /v1/breeds", () => {
  test("lists the 67 breeds with ids, names and a reference image that exists", async () => {
    const res = await get(emulator, "/breeds", null);
    expect(res.status).toBe(200);
    expect(res.body.map((b: { id: string }) => b.id)).toEqual(BREED_TABLE.map((b) => b[0]));
    const bengal = res.body.find((b: { id: string }) => b.id === "beng");
    expect(bengal).toMatchObject({ id: "beng", name: "Bengal", origin: "United States", country_code: "US" });
    const image = await get(emulator, `/images/${bengal.reference_image_id}`);
    expect(image.body.breeds[0].id).toBe("beng");
  });
});

describe("GET /v1/images/search", () => {
  test("paging a breed with order=ASC yields exactly the truth's images of that breed, once each, in upload order", async () => {
    const listed = await pageAll("breed_ids=beng");
    const expected = truth.filter((e) => e.breed_ids.includes("beng"));
    expect(expected.length).toBeGreaterThan(25);
    expect(listed.map((i) => i.url)).toEqual(expected.map((e) => e.url));
    expect(listed.every((i) => i.breeds.length === 1 && i.breeds[0]!.id === "beng")).toBe(true);
  });

  test("Pagination-Count, -Page and -Limit describe the query; page counts from 0", async () => {
    const total = truth.filter((e) => e.breed_ids.includes("siam")).length;
    const first = await get<ImageObject[]>(emulator, "/images/search?breed_ids=siam&order=ASC&limit=5&page=0");
    const second = await get<ImageObject[]>(emulator, "/images/search?breed_ids=siam&order=ASC&limit=5&page=1");
    expect(first.headers.get("pagination-count")).toBe(String(total));
    expect(first.headers.get("pagination-page")).toBe("0");
    expect(first.headers.get("pagination-limit")).toBe("5");
    expect(second.headers.get("pagination-page")).toBe("1");
    const siamese = truth.filter((e) => e.breed_ids.includes("siam")).map((e) => e.image_id);
    expect(first.body.map((i) => i.id)).toEqual(siamese.slice(0, 5));
    expect(second.body.map((i) => i.id)).toEqual(siamese.slice(5, 10));
  });

  test("order=DESC pages from the newest upload", async () => {
    const res = await get<ImageObject[]>(emulator, "/images/search?breed_ids=pers&order=DESC&limit=3&page=0");
    const persian = truth.filter((e) => e.breed_ids.includes("pers")).map((e) => e.image_id);
    expect(res.body.map((i) => i.id)).toEqual(persian.slice(-3).reverse());
  });

  test("without order=ASC|DESC there is no paging: random images, page ignored, no Pagination headers", async () => {
    const a = await get<ImageObject[]>(emulator, "/images/search?breed_ids=beng&limit=10&page=0");
    const b = await get<ImageObject[]>(emulator, "/images/search?breed_ids=beng&limit=10&page=1");
    expect(a.headers.get("pagination-count")).toBeNull();
    expect(a.body).toHaveLength(10);
    expect(b.body.every((i) => i.breeds[0]!.id === "beng")).toBe(true);
    expect(new Set(a.body.map((i) => i.id)).size).toBe(10);
    const asc = await get<ImageObject[]>(emulator, "/images/search?breed_ids=beng&limit=10&order=ASC");
    expect(a.body.map((i) => i.id)).not.toEqual(asc.body.map((i) => i.id));
  });

  test("breed_ids filters (comma-separated); the plural breeds parameter is ignored", async () => {
    const both = await pageAll("breed_ids=beng,siam");
    expect(both.map((i) => i.id)).toEqual(truth.filter((e) => e.breed_ids.includes("beng") || e.breed_ids.includes("siam")).map((e) => e.image_id));
    const ignored = await get<ImageObject[]>(emulator, "/images/search?breeds=beng&order=ASC&limit=25");
    expect(ignored.headers.get("pagination-count")).toBe(String(truth.length));
    expect(ignored.body.map((i) => i.id)).toEqual(truth.slice(0, 25).map((e) => e.image_id));
    const unknown = await get<ImageObject[]>(emulator, "/images/search?breed_ids=zzzz&order=ASC&limit=25");
    expect([unknown.body, unknown.headers.get("pagination-count")]).toEqual([[], "0"]);
  });

  test("limit defaults to 1 and is capped at 25 with a key; Pagination-Limit says what was used", async () => {
    const one = await get<ImageObject[]>(emulator, "/images/search?order=ASC");
    expect(one.body).toHaveLength(1);
    const many = await get<ImageObject[]>(emulator, "/images/search?order=ASC&limit=100");
    expect(many.body).toHaveLength(25);
    expect(many.headers.get("pagination-limit")).toBe("25");
  });

  test("has_breeds=1 leaves out images without a breed, and mime_types picks formats", async () => {
    const labelled = await get(emulator, "/images/search?has_breeds=1&order=ASC&limit=1");
    expect(labelled.headers.get("pagination-count")).toBe(String(truth.filter((e) => e.breed_ids.length > 0).length));
    expect(truth.some((e) => e.breed_ids.length === 0)).toBe(true);
    const gifs = await pageAll("mime_types=gif");
    expect(gifs.length).toBeGreaterThan(0);
    expect(gifs.every((i) => i.url.endsWith(".gif"))).toBe(true);
    const pngJpg = await get(emulator, "/images/search?mime_types=jpg,png&order=ASC&limit=1");
    expect(pngJpg.headers.get("pagination-count")).toBe(String(truth.filter((e) => !e.url.endsWith(".gif")).length));
  });

  test("past the last page: 200 with an empty list", async () => {
    const res = await get<ImageObject[]>(emulator, "/images/search?breed_ids=beng&order=ASC&limit=25&page=999");
    expect([res.status, res.body]).toEqual([200, []]);
  });
});

describe("x-api-key", () => {
  test("without a key: at most 10 images, no breed data, no paging", async () => {
    const res = await get<ImageObject[]>(emulator, "/images/search?limit=25&order=ASC&page=3&has_breeds=1", null);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(10);
    expect(res.body.every((i) => i.breeds.length === 0)).toBe(true);
    expect(res.headers.get("pagination-count")).toBeNull();
  });

  test("a wrong key is refused with 401 on every API route", async () => {
    for (const path of ["/breeds", "/images/search", `/images/${truth[0]!.image_id}`]) {
      const res = await get(emulator, path, "not-a-key");
      expect(res.status, path).toBe(401);
      expect(res.body.message).toContain("API key");
    }
  });
});

describe("GET /v1/images/{id}", () => {
  test("one image with its breeds; an unknown id answers 400", async () => {
    const entry = truth.find((e) => e.breed_ids.length > 0)!;
    const res = await get<ImageObject>(emulator, `/images/${entry.image_id}`);
    expect(res.body).toMatchObject({ id: entry.image_id, url: entry.url });
    expect(res.body.breeds.map((b) => b.id)).toEqual(entry.breed_ids);
    const missing = await get(emulator, "/images/nope");
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("nope");
  });

  test("unknown routes answer 404, other methods 405", async () => {
    expect((await get(emulator, "/votes")).status).toBe(404);
    const post = await fetch(`${emulator.apiUrl}/breeds`, { method: "POST", headers: { "x-api-key": "demo" } });
    expect(post.status).toBe(405);
    await post.arrayBuffer();
  });
});

describe("/_emulator/stats", () => {
  test("counts requests by route and status", async () => {
    const stats = await (await fetch(`${emulator.url}/_emulator/stats`)).json();
    expect(stats.routes["GET /v1/breeds"]["200"]).toBeGreaterThan(0);
    expect(stats.routes["GET /v1/images/search"]["401"]).toBe(1);
    expect(stats.requests).toBeGreaterThan(10);
  });
});
