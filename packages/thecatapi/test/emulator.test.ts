import { CatApiAuthError, CatApiNotFoundError, type CatApiRequestEvent, catApiCandidates, createCatApiClient, type Image } from "@cat-harvest/thecatapi";
import type { CatApiEmulator, TruthEntry } from "@cat-harvest/thecatapi-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readTruth, startSmall } from "./helpers/emulator.js";

let emulator: CatApiEmulator;
let truth: TruthEntry[];

beforeAll(async () => {
  emulator = await startSmall();
  truth = await readTruth(emulator);
});
afterAll(() => emulator.stop());

const client = (options: Parameters<typeof createCatApiClient>[0] = {}) =>
  createCatApiClient({ apiKey: "demo", baseUrl: emulator.apiUrl, requestsPerSecond: Infinity, ...options });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("against the emulator", () => {
  test("paging a breed yields exactly the truth's images for that breed, for every breed", async () => {
    const cats = client();
    const breeds = await cats.breeds();
    expect(breeds).toHaveLength(67);
    for (const breed of breeds) {
      const images = await collect(cats.searchImages({ breedIds: breed.id }));
      const expected = truth.filter((e) => e.breed_ids.includes(breed.id));
      expect(
        images.map((i) => [i.id, i.url]),
        breed.id,
      ).toEqual(expected.map((e) => [e.image_id, e.url]));
      expect(images.every((i) => i.breeds[0]?.id === breed.id)).toBe(true);
    }
  });

  test("always sends order, and pages by the Pagination headers even when the server cuts the limit", async () => {
    const events: CatApiRequestEvent[] = [];
    const cats = client({ onRequest: (e) => events.push(e) });
    const pages = await collect(cats.imagePages({ breedIds: ["siam", "beng"], limit: 100 }));
    const expected = truth.filter((e) => e.breed_ids[0] === "siam" || e.breed_ids[0] === "beng");
    expect(pages.flatMap((p) => p.images.map((i) => i.id))).toEqual(expected.map((e) => e.image_id));
    expect(pages[0]!.pagination).toEqual({ count: expected.length, page: 0, limit: 25 });
    expect(pages.map((p) => p.page)).toEqual(pages.map((_, i) => i));
    expect(events).toHaveLength(pages.length);
    for (const e of events) expect(new URL(e.url).searchParams.get("order")).toBe("ASC");
  });

  test("order DESC, mimeTypes and hasBreeds reach the server", async () => {
    const cats = client();
    const gifs = await collect(cats.searchImages({ mimeTypes: ["gif"], hasBreeds: true, order: "DESC" }));
    const expected = truth.filter((e) => e.url.endsWith(".gif") && e.breed_ids.length > 0).reverse();
    expect(gifs.map((i) => i.id)).toEqual(expected.map((e) => e.image_id));
  });

  test("maxRecords and maxPages stop the paging; the last page is cut to fit", async () => {
    const cats = client();
    expect(await collect(cats.searchImages({}, { maxRecords: 30 }))).toHaveLength(30);
    expect(await collect(cats.imagePages({ limit: 5 }, { maxPages: 3 }))).toHaveLength(3);
  });

  test("image(id) returns one image with its breeds; an unknown id is CatApiNotFoundError", async () => {
    const entry = truth.find((e) => e.breed_ids.length > 0)!;
    const image = await client().image(entry.image_id);
    expect(image).toMatchObject({ id: entry.image_id, url: entry.url });
    expect(image.breeds.map((b) => b.id)).toEqual(entry.breed_ids);
    const error = await client()
      .image("nope")
      .catch((e: unknown) => e);
    expect(CatApiNotFoundError.isInstance(error)).toBe(true);
  });

  test("a bad key is CatApiAuthError, and the key appears nowhere in it or in events", async () => {
    const key = "wrong-key-XYZ";
    const events: CatApiRequestEvent[] = [];
    const error = await client({ apiKey: key, onRequest: (e) => events.push(e) })
      .breeds()
      .catch((e: unknown) => e);
    expect(CatApiAuthError.isInstance(error)).toBe(true);
    expect((error as CatApiAuthError).status).toBe(401);
    expect((error as Error).message).toContain("apiKey");
    expect(JSON.stringify([String(error), (error as Error).stack, { ...(error as object) }, events])).not.toContain(key);
  });

  test("without a key: one page of at most 10 images, without breeds, and no paging", async () => {
    const keyless = createCatApiClient({ baseUrl: emulator.apiUrl, requestsPerSecond: Infinity });
    const pages = await collect(keyless.imagePages({ hasBreeds: true, limit: 25 }));
    expect(pages).toHaveLength(1);
    expect(pages[0]!.pagination).toBeUndefined();
    expect(pages[0]!.images).toHaveLength(10);
    expect(pages[0]!.images.every((i: Image) => i.breeds.length === 0)).toBe(true);
  });

  test("the adapter turns images into candidates: image id as record id, breed name as given, a seam for a breed table", async () => {
    const [image] = await collect(client().searchImages({ breedIds: "sphy" }, { maxRecords: 1 }));
    expect(catApiCandidates(image!)).toEqual([
      { url: image!.url, breed: "Sphynx", recordId: image!.id, photo: null, source: "thecatapi", sourceBreedId: "sphy" },
    ]);
    expect(catApiCandidates(image!, { breedLabel: (b) => (b.id === "sphy" ? "Sphynx - Hairless Cat" : b.name) })[0]!.breed).toBe("Sphynx - Hairless Cat");
    const unlabelled = truth.find((e) => e.breed_ids.length === 0)!;
    const bare = await client().image(unlabelled.image_id);
    expect(catApiCandidates(bare)).toEqual([]);
    expect(catApiCandidates(bare, { unlabelled: "unlabelled" })[0]).toMatchObject({ breed: "unlabelled", recordId: bare.id, sourceBreedId: null });
  });

  test("RANDOM cannot be paged: a TypeError at the call; searchPage sends it as asked", async () => {
    expect(() => client().imagePages({ order: "RANDOM" })).toThrow(TypeError);
    const sample = await client().searchPage({ limit: 5 });
    expect([sample.images.length, sample.pagination]).toEqual([5, undefined]);
  });
});
