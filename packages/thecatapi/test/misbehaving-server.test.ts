// The client against a purpose-built node:http server on loopback, for what the emulator does
// not produce on demand: bad shapes, bodies that are not JSON, a key echoed back, slow answers.
import { inspect } from "node:util";
import {
  CatApiHttpError,
  CatApiNetworkError,
  CatApiQuotaError,
  CatApiServerError,
  CatApiTimeoutError,
  CatApiValidationError,
  type CatApiClientOptions,
  createCatApiClient,
} from "@cat-harvest/thecatapi";
import { afterEach, describe, expect, test } from "vitest";
import { type Handler, image, json, type LocalServer, startLocalServer } from "./helpers/local-server.js";

const KEY = "live_Secret-Key+42/xyz";
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler, options: Partial<CatApiClientOptions> = {}) {
  server = await startLocalServer(handler);
  return createCatApiClient({ apiKey: KEY, baseUrl: server.apiUrl, requestsPerSecond: Infinity, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** Everything an error could leak through: message, stack, JSON, util.inspect (causes included). */
function serialized(error: unknown): string {
  const e = error as Error;
  return [String(e), e.stack, JSON.stringify(e), inspect(e, { depth: 20 })].join("\n");
}

describe("schema violations name the field and the URL", () => {
  test.each([
    ["an image without an id", [image("a"), { ...image("b"), id: undefined }], "[1].id"],
    ["a url that is not a URL", [image("a", { url: "not a url" })], "[0].url"],
    ["a breed without a name", [image("a", { breeds: [{ id: "beng" }] })], "[0].breeds[0].name"],
    ["a width that is a string", [image("a", { width: "800" })], "[0].width"],
    ["an object instead of a list", { images: [] }, "(root)"],
  ])("%s", async (_name, body, path) => {
    const cats = await setup((_req, res) => json(res, 200, body));
    const error = await caught(cats.searchPage({ breedIds: "beng" }));
    expect(CatApiValidationError.isInstance(error)).toBe(true);
    const v = error as CatApiValidationError;
    expect(v.path).toBe(path === "(root)" ? "" : path);
    expect(v.message).toContain(path);
    expect(v.message).toContain(`${server!.apiUrl}/images/search?breed_ids=beng`);
    expect(v.url).toBe(`${server!.apiUrl}/images/search?breed_ids=beng`);
  });

  test("breeds and image(id) are checked too; unknown fields pass through", async () => {
    const cats = await setup((req, res) =>
      req.url!.startsWith("/v1/breeds") ? json(res, 200, [{ id: "beng", name: 7 }]) : json(res, 200, image("a", { favourite: true })),
    );
    const error = await caught(cats.breeds());
    expect((error as CatApiValidationError).message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v1\/breeds\).* at \[0\]\.name: expected string, got a number/);
    expect(await cats.image("a")).toMatchObject({ id: "a", favourite: true });
  });
});

describe("failures", () => {
  test("a body that is not JSON is retried, then CatApiNetworkError", async () => {
    const cats = await setup((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("[{");
    });
    const error = await caught(cats.breeds());
    expect(CatApiNetworkError.isInstance(error)).toBe(true);
    expect(server!.paths).toHaveLength(6);
  });

  test("5xx is retried, then CatApiServerError with the status", async () => {
    const cats = await setup((_req, res) => json(res, 503, { message: "down" }), { retry: { limit: 2, baseDelayMs: 1 } });
    const error = await caught(cats.breeds());
    expect(CatApiServerError.isInstance(error)).toBe(true);
    expect((error as CatApiServerError).status).toBe(503);
    expect(server!.paths).toHaveLength(3);
  });

  test("a slow answer is CatApiTimeoutError after the retries", async () => {
    const cats = await setup(
      async (_req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        json(res, 200, []);
      },
      { timeout: 50, retry: { limit: 1, baseDelayMs: 1 } },
    );
    const error = await caught(cats.breeds());
    expect(CatApiTimeoutError.isInstance(error)).toBe(true);
    expect((error as CatApiTimeoutError).timeout).toBe(50);
  });

  test("a 429 with a long Retry-After is the quota at once, with resetAt; another 4xx is CatApiHttpError", async () => {
    const cats = await setup((req, res) =>
      req.url!.includes("search") ? json(res, 429, { message: "slow down" }, { "retry-after": "7200" }) : json(res, 418, { message: "teapot" }),
    );
    const before = Date.now();
    const quota = await caught(cats.searchPage());
    expect(CatApiQuotaError.isInstance(quota)).toBe(true);
    expect((quota as CatApiQuotaError).resetAt.getTime()).toBeGreaterThanOrEqual(before + 7_200_000);
    expect(server!.paths).toHaveLength(1);
    const teapot = await caught(cats.breeds());
    expect([CatApiHttpError.isInstance(teapot), (teapot as CatApiHttpError).status]).toEqual([true, 418]);
  });

  test("the key goes in x-api-key only, and never appears in an error, even when the server echoes it", async () => {
    let sentKey: string | undefined;
    const cats = await setup((req, res) => {
      sentKey = req.headers["x-api-key"] as string;
      json(res, 401, { message: `key ${KEY} (${encodeURIComponent(KEY)}) is not valid` });
    });
    const error = await caught(cats.breeds());
    expect(sentKey).toBe(KEY);
    expect(server!.paths[0]).toBe("/v1/breeds");
    expect(serialized(error)).not.toContain(KEY);
    expect(serialized(error)).not.toContain(encodeURIComponent(KEY));
    expect((error as Error).message).toContain("[redacted]");
  });

  test("a signal cancels a call with its own reason", async () => {
    const cats = await setup(() => undefined);
    const controller = new AbortController();
    const pending = caught(cats.breeds({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error("stop now")), 20);
    expect(((await pending) as Error).message).toBe("stop now");
  });
});
