import { describe, expect, test } from "vitest";
import {
  RescueGroupsAuthError,
  RescueGroupsBadRequestError,
  RescueGroupsNetworkError,
  RescueGroupsNotFoundError,
  RescueGroupsQuotaError,
  RescueGroupsRateLimitError,
  RescueGroupsServerError,
  RescueGroupsTimeoutError,
  RescueGroupsValidationError,
} from "../src/index.js";
import { TEST_BREEDS, testCats } from "./helpers/v5-data.js";
import { errorDocument } from "./helpers/v5-data.js";
import { everythingSaid, rejectionOf, withServer } from "./helpers/with-server.js";

const cats = testCats(TEST_BREEDS[0]!, 3, 500);
const SEARCH = "/public/animals/search/available/cats/haspic?include=pictures&limit=250&page=1";

describe("refusals", () => {
  test("a wrong key is an auth error at once, and the key the server echoes is redacted", async () => {
    await withServer({ animals: cats }, async ({ server, clientWith, events }) => {
      const wrongKey = "rg-wrong-key-77aa";
      const error = await rejectionOf(clientWith({ apiKey: wrongKey }).catsPage());
      expect(RescueGroupsAuthError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 401, url: `${server.url}${SEARCH}` });
      expect(error.message).toMatch(/answered 401: The API key '\[redacted\]' is not valid.*Check the apiKey option/);
      expect(everythingSaid(error)).not.toContain(wrongKey);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.authorization).toBe(wrongKey);
      expect(JSON.stringify(events)).not.toContain(wrongKey);
    });
  });

  test("a 400 names the refused filter field and the URL", async () => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      const error = await rejectionOf(client.catsPage({ breedId: 1, filters: [{ fieldName: "colorDetails", operation: "equal", criteria: "grey" }] }));
      expect(RescueGroupsBadRequestError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 400, field: "animals.colorDetails", url: `${server.url}${SEARCH}` });
      expect((error as RescueGroupsBadRequestError).invalidFields).toEqual([
        { field: "animals.colorDetails", pointer: "/data/filters/1/fieldName", detail: '"animals.colorDetails" is not a valid filter field' },
      ]);
      expect(error.message).toContain('(field "animals.colorDetails")');
      expect(error.message).toContain(`${server.url}${SEARCH}`);
      expect(server.requests).toHaveLength(1);
    });
  });

  test("a path the API does not have is a not-found error", async () => {
    await withServer({ animals: cats }, async ({ clientWith, server }) => {
      const error = await rejectionOf(clientWith({ baseUrl: `${server.url}/v5` }).catsPage());
      expect(RescueGroupsNotFoundError.isInstance(error)).toBe(true);
      expect(error.message).toMatch(/baseUrl/);
    });
  });
});

describe("retries", () => {
  test("500s, then success: retried into the same page, every attempt reported", async () => {
    await withServer({ animals: cats }, async ({ client, server, events }) => {
      server.fault({ status: 500, body: errorDocument(500, "Server Error", "try again") }, 2);
      expect((await client.catsPage()).data.map((a) => a.id)).toEqual(["500", "501", "502"]);
      expect(events.map((e) => [e.attempt, e.status])).toEqual([
        [0, 500],
        [1, 500],
        [2, 200],
      ]);
    });
  });

  test("5xx after every retry is a server error", async () => {
    await withServer({ animals: cats }, async ({ clientWith, server }) => {
      server.fault({ status: 503 }, 10);
      const error = await rejectionOf(clientWith({ retry: { limit: 2, baseDelayMs: 1 } }).catsPage());
      expect(RescueGroupsServerError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 503, retryable: true });
      expect(error.message).toContain("after 3 attempts");
      expect(server.requests).toHaveLength(3);
    });
  });

  test("a 429 waits its Retry-After, then succeeds", async () => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      server.fault({ status: 429, headers: { "retry-after": "1" }, body: errorDocument(429, "Too Many Requests", "slow down") });
      const started = Date.now();
      expect((await client.catsPage()).data).toHaveLength(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(server.requests).toHaveLength(2);
    });
  });

  test("a 429 still refused after every retry is a rate-limit error with its Retry-After", async () => {
    await withServer({ animals: cats }, async ({ clientWith, server }) => {
      server.fault({ status: 429, headers: { "retry-after": "0" } }, 10);
      const error = await rejectionOf(clientWith({ retry: { limit: 1, baseDelayMs: 1 } }).catsPage());
      expect(RescueGroupsRateLimitError.isInstance(error) && !RescueGroupsQuotaError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 429, retryAfter: 0 });
      expect(error.message).toMatch(/lower requestsPerSecond/);
    });
  });

  test("a quota answer stops at once and says when to continue", async () => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      server.fault({ status: 429, headers: { "retry-after": "3600" }, body: errorDocument(429, "Too Many Requests", "Daily quota exceeded") });
      const before = Date.now();
      const error = await rejectionOf(client.catsPage());
      expect(RescueGroupsQuotaError.isInstance(error)).toBe(true);
      const { resetAt, retryAfter } = error as RescueGroupsQuotaError;
      expect(retryAfter).toBe(3600);
      expect(resetAt.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
      expect(error.message).toContain(`until ${resetAt.toISOString()}`);
      expect(server.requests).toHaveLength(1);
    });
  });

  test("a quota answer without Retry-After continues at the next 00:00 UTC", async () => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      server.fault({ status: 429, body: errorDocument(429, "Too Many Requests", "API key quota exceeded") });
      const error = (await rejectionOf(client.catsPage())) as RescueGroupsQuotaError;
      expect(RescueGroupsQuotaError.isInstance(error)).toBe(true);
      const midnight = new Date();
      midnight.setUTCHours(24, 0, 0, 0);
      expect(error.resetAt.getTime()).toBe(midnight.getTime());
    });
  });

  test("a 2xx body that is not JSON is retried, and after every retry is a network error", async () => {
    await withServer({ animals: cats }, async ({ client, clientWith, server, events }) => {
      server.fault({ body: "<html>maintenance</html>" });
      expect((await client.catsPage()).data).toHaveLength(3);
      expect(events[0]).toMatchObject({ status: 200, failure: "invalid-body" });

      server.fault({ body: '{"meta":{"count"' }, 10);
      const error = await rejectionOf(clientWith({ retry: { limit: 1, baseDelayMs: 1 } }).catsPage());
      expect(RescueGroupsNetworkError.isInstance(error)).toBe(true);
      expect(error.message).toMatch(/answered 200 with a body that is not JSON .* after 2 attempts/);
    });
  });

  test("a dropped connection is retried", async () => {
    await withServer({ animals: cats }, async ({ client, server, events }) => {
      server.fault({ reset: true });
      expect((await client.catsPage()).data).toHaveLength(3);
      expect(events[0]).toMatchObject({ status: undefined, failure: "network" });
    });
  });

  test("a stalled answer times out, is retried, and after every retry is a timeout error", async () => {
    await withServer({ animals: cats }, async ({ clientWith, server }) => {
      server.fault({ delayMs: 400 });
      expect((await clientWith({ timeout: 100 }).catsPage()).data).toHaveLength(3);
      server.fault({ delayMs: 400 }, 3);
      const error = await rejectionOf(clientWith({ timeout: 100, retry: { limit: 1, baseDelayMs: 1 } }).catsPage());
      expect(RescueGroupsTimeoutError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ timeout: 100 });
    });
  });
});

describe("schema violations", () => {
  test.each([
    [
      "a picture size that is a number",
      { meta: {}, data: [], included: [{ type: "pictures", id: "1", attributes: { large: 42 } }] },
      "included[0].attributes.large",
    ],
    ["a page count that is text", { meta: { pages: "five" } }, "meta.pages"],
    ["an animal without an id", { data: [{ type: "animals", attributes: {} }] }, "data[0].id"],
    ["data that is not a list", { data: { type: "animals", id: "1" } }, "data"],
  ])("%s is a validation error naming the field and the URL, not retried", async (_, body, path) => {
    await withServer({ animals: cats }, async ({ client, server }) => {
      server.fault({ body });
      const error = await rejectionOf(client.catsPage());
      expect(RescueGroupsValidationError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ path, url: `${server.url}${SEARCH}` });
      expect(error.message).toContain(` at ${path}: expected `);
      expect(error.message).toContain(`${server.url}${SEARCH}`);
      expect(server.requests).toHaveLength(1);
    });
  });

  test("a breed without a name is a validation error", async () => {
    await withServer({}, async ({ client, server }) => {
      server.fault({ body: { meta: { pages: 1 }, data: [{ type: "breeds", id: "3", attributes: {} }] } });
      const error = await rejectionOf(client.catBreeds());
      expect(error).toMatchObject({ path: "data[0].attributes.name" });
    });
  });
});

test("the key never appears in an error or an event, whatever the server echoes", async () => {
  await withServer({ animals: cats }, async ({ clientWith, server, events }) => {
    const key = server.apiKey;
    const client = clientWith({ retry: { limit: 1, baseDelayMs: 1 } });
    const echo = (status: number, headers: Record<string, string> = {}) => ({
      status,
      headers,
      body: errorDocument(status, `key ${key}`, `you sent ${key} (${encodeURIComponent(key)})`),
    });
    const errors: unknown[] = [];
    for (const fault of [echo(400), echo(403), echo(404), echo(429, { "retry-after": "99999" }), echo(500)]) {
      server.fault(fault, fault.status === 500 ? 2 : 1);
      errors.push(await rejectionOf(client.catsPage()));
    }
    expect(errors.map((e) => (e as { status?: number }).status)).toEqual([400, 403, 404, 429, 500]);
    for (const error of errors) expect(everythingSaid(error)).not.toContain(key);
    expect(JSON.stringify(events)).not.toContain(key);
    expect(events.length).toBeGreaterThan(5);
  });
});
