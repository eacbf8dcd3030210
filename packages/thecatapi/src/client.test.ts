import { describe, expect, test } from "vitest";
import { createCatApiClient } from "./client.js";

const image = (id: string) => ({ id, url: `https://cdn2.thecatapi.com/images/${id}.jpg`, width: 10, height: 10, breeds: [{ id: "beng", name: "Bengal" }] });

describe("createCatApiClient", () => {
  test("uses the fetch option, sends the key as x-api-key and pages by the Pagination headers", async () => {
    const seen: Array<{ url: string; key: string | null }> = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, key: request.headers.get("x-api-key") });
      const page = Number(new URL(request.url).searchParams.get("page"));
      const body = page < 2 ? [image(`a${page}`), image(`b${page}`)] : [image("c2")];
      return new Response(JSON.stringify(body), {
        headers: { "content-type": "application/json", "pagination-count": "5", "pagination-page": String(page), "pagination-limit": "2" },
      });
    };
    const cats = createCatApiClient({ apiKey: "k", fetch, baseUrl: "https://cats.invalid/v1", requestsPerSecond: Infinity });
    const ids: string[] = [];
    for await (const i of cats.searchImages({ breedIds: "beng", limit: 2 })) ids.push(i.id);
    expect(ids).toEqual(["a0", "b0", "a1", "b1", "c2"]);
    expect(seen.map((s) => s.url)).toEqual([0, 1, 2].map((p) => `https://cats.invalid/v1/images/search?order=ASC&limit=2&page=${p}&breed_ids=beng`));
    expect(seen.every((s) => s.key === "k")).toBe(true);
  });

  test.each([
    [{ apiKey: "" }, 'option "apiKey" must be a non-empty string'],
    [{ baseUrl: "cats" }, "is not a URL"],
    [{ baseUrl: "https://x/v1?key=1" }, "must not hold a query"],
    [{ requestsPerSecond: 0 }, 'option "requestsPerSecond" must be a positive number'],
    [{ retry: { limit: -1 } }, 'option "retry.limit" must be a whole number'],
  ])("%j is a TypeError: %s", (options, message) => {
    expect(() => createCatApiClient(options)).toThrow(TypeError);
    expect(() => createCatApiClient(options)).toThrow(message);
  });

  test("image(id) rejects an id that is not one before sending anything", async () => {
    const fetch: typeof globalThis.fetch = () => Promise.reject(new Error("nothing may be sent"));
    await expect(createCatApiClient({ fetch }).image("../breeds")).rejects.toThrow(TypeError);
  });
});
