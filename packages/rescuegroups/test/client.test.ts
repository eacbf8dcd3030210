import { describe, expect, test } from "vitest";
import { DEFAULT_REQUESTS_PER_SECOND, createRescueGroupsClient, type RescueGroupsAnimal } from "../src/index.js";
import { TEST_BREEDS, testCats, testPicture, type TestBreed } from "./helpers/v5-data.js";
import { withServer } from "./helpers/with-server.js";

const siamese = TEST_BREEDS.find((b) => b.name === "Siamese")!;
const bengal = TEST_BREEDS.find((b) => b.name === "Bengal")!;
const cats = [...testCats(siamese, 7, 1000), ...testCats(bengal, 2, 2000)];

describe("cat breeds", () => {
  test("lists every cat breed with its id, across pages of 250", async () => {
    const breeds: TestBreed[] = Array.from({ length: 260 }, (_, i) => ({ id: String(i + 1), name: `Breed ${i + 1}` }));
    await withServer({ breeds }, async ({ client, server }) => {
      expect(await client.catBreeds()).toEqual(breeds);
      expect(server.requests.map((r) => r.path)).toEqual([
        "/v5/public/animals/breeds/search/cats/?limit=250&page=1",
        "/v5/public/animals/breeds/search/cats/?limit=250&page=2",
      ]);
    });
  });
});

describe("cat search", () => {
  test("pages through one breed's cats with their pictures, sending the key and an animals.-prefixed filter", async () => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      const pages = [];
      for await (const page of client.catPages({ breedId: siamese.id, limit: 3 })) pages.push(page);
      expect(pages.map((p) => p.data.map((a) => a.id))).toEqual([["1000", "1001", "1002"], ["1003", "1004", "1005"], ["1006"]]);
      expect(pages.map((p) => p.meta)).toEqual([1, 2, 3].map((page) => ({ page, pages: 3, count: 7, limit: 3 })));
      expect(pages[0]!.data[0]!.pictures.map((p) => p.large)).toEqual([testPicture("1000", "10001", 1).large, testPicture("1000", "10002", 2).large]);
      for (const [i, request] of server.requests.entries()) {
        expect(request.method).toBe("POST");
        expect(request.path).toBe(`/v5/public/animals/search/available/cats/haspic?include=pictures&limit=3&page=${i + 1}`);
        expect(request.authorization).toBe(server.apiKey);
        expect(request.contentType).toBe("application/vnd.api+json");
        expect(JSON.parse(request.body)).toEqual({ data: { filters: [{ fieldName: "animals.breedPrimaryId", operation: "equal", criteria: siamese.id }] } });
      }
    });
  });

  test("searchCats streams animals and stops at maxRecords without asking for more pages", async () => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      const ids: string[] = [];
      for await (const cat of client.searchCats({ breedId: siamese.id, limit: 2 }, { maxRecords: 3 })) ids.push(cat.id);
      expect(ids).toEqual(["1000", "1001", "1002"]);
      expect(server.requests).toHaveLength(2);
      const capped = [];
      for await (const page of client.catPages({ limit: 2 }, { maxPages: 2 })) capped.push(page);
      expect(capped).toHaveLength(2);
    });
  });

  test("bad parameters throw a TypeError at the call, before any request", async () => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      expect(() => client.searchCats({ limit: 500 })).toThrow(/limit as a whole number from 1 to 250/);
      expect(() => client.catPages({ breedId: "Siamese" })).toThrow(TypeError);
      expect(() => client.catPages({}, { maxPages: -1 })).toThrow(/maxPages/);
      await expect(client.catsPage({ page: 0 })).rejects.toThrow(TypeError);
      expect(server.requests).toEqual([]);
    });
  });

  test("without filters the search is a GET with no body", async () => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      const page = await client.catsPage();
      expect(page.data).toHaveLength(9);
      expect(server.requests[0]).toMatchObject({
        method: "GET",
        body: "",
        path: "/v5/public/animals/search/available/cats/haspic?include=pictures&limit=250&page=1",
      });
    });
  });

  test("filters given without the animals. prefix are sent with it, which the server requires", async () => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      const bare = await fetch(`${server.url}/public/animals/search/available/cats/haspic`, {
        method: "POST",
        headers: { authorization: server.apiKey, "content-type": "application/vnd.api+json" },
        body: JSON.stringify({ data: { filters: [{ fieldName: "sex", operation: "equal", criteria: "Male" }] } }),
      });
      expect(bare.status).toBe(400);
      expect(JSON.stringify(await bare.json())).toContain("not a valid filter field");

      const males: string[] = [];
      for await (const cat of client.searchCats({ breedId: siamese.id, filters: [{ fieldName: "sex", operation: "equal", criteria: "Male" }] }))
        males.push(cat.id);
      expect(males).toEqual(["1001", "1003", "1005"]);
    });
  });

  test("a page that matches nothing has no data member: an empty page, and the iteration ends", async () => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      const raw = await fetch(`${server.url}/public/animals/search/available/cats/haspic?include=pictures`, {
        method: "POST",
        headers: { authorization: server.apiKey },
        body: JSON.stringify({ data: { filters: [{ fieldName: "animals.breedPrimaryId", operation: "equal", criteria: "1" }] } }),
      });
      expect(Object.keys(await raw.json())).toEqual(["meta"]);

      const page = await client.catsPage({ breedId: 1 });
      expect(page).toEqual({ data: [], meta: { page: 1, pages: 0, count: 0, limit: 250 } });
      const found: RescueGroupsAnimal[] = [];
      for await (const cat of client.searchCats({ breedId: 1 })) found.push(cat);
      expect(found).toEqual([]);
      expect(server.requests.filter((r) => r.path.includes("/search/"))).toHaveLength(3);
    });
  });

  test.each(["object", "string"] as const)("reads pictures whose sizes are %s", async (pictureShape) => {
    await withServer({ animals: cats, pictureShape }, async ({ client }) => {
      const [cat] = (await client.catsPage({ breedId: bengal.id })).data;
      expect(cat!.pictures[0]).toEqual({ id: "20001", order: 1, ...urlsOf(testPicture("2000", "20001", 1)) });
    });
  });

  test("reads both picture shapes in one answer", async () => {
    const mixed = { ...cats[0]!, pictures: [testPicture("1000", "1", 1, "string"), testPicture("1000", "2", 2, "object")] };
    await withServer({ animals: [mixed] }, async ({ client }) => {
      const [cat] = (await client.catsPage()).data;
      expect(cat!.pictures).toEqual([
        { id: "1", order: 1, ...urlsOf(testPicture("1000", "1", 1)) },
        { id: "2", order: 2, ...urlsOf(testPicture("1000", "2", 2)) },
      ]);
    });
  });
});

function urlsOf({ original, large, small }: { original?: string; large?: string; small?: string }) {
  return { original, large, small };
}

describe("politeness", () => {
  test("defaults to about one request a second", () => {
    expect(DEFAULT_REQUESTS_PER_SECOND).toBe(1);
  });

  test("holds every call of a client under its requestsPerSecond", async () => {
    await withServer({ animals: cats }, async ({ clientWith }) => {
      const client = clientWith({ requestsPerSecond: 4 });
      const started = Date.now();
      await Promise.all([1, 2, 3, 4, 5].map(() => client.catsPage()));
      // Five starts at 4 a second: the fifth waits a full second.
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });
  });

  test("an aborted call rejects with its signal's reason", async () => {
    await withServer({ animals: cats }, async ({ server, clientWith }) => {
      server.fault({ delayMs: 2_000 });
      const reason = new Error("stop now");
      const controller = new AbortController();
      const call = clientWith({}).catsPage({}, { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 50);
      await expect(call).rejects.toBe(reason);
    });
  });

  test("bad options throw a TypeError naming the option, never the key", () => {
    expect(() => createRescueGroupsClient({ apiKey: "" })).toThrow(/"apiKey"/);
    expect(() => createRescueGroupsClient({ apiKey: "k", baseUrl: "ftp://x" })).toThrow(/"baseUrl" must be http/);
    expect(() => createRescueGroupsClient({ apiKey: "secret-key-1", baseUrl: "https://u:secret-key-1@x/v5" })).toThrow(/credentials/);
    expect(() => createRescueGroupsClient({ apiKey: "secret-key-1", baseUrl: "https://u:secret-key-1@x/v5" })).not.toThrow(/secret-key-1/);
    expect(() => createRescueGroupsClient({ apiKey: "k", requestsPerSecond: 0 })).toThrow(/"requestsPerSecond"/);
    expect(() => createRescueGroupsClient({ apiKey: "k", retry: { limit: -1 } })).toThrow(/"retry.limit"/);
  });
});
