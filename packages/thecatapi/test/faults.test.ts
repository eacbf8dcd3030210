import { CatApiQuotaError, CatApiRateLimitError, createCatApiClient } from "@cat-harvest/thecatapi";
import { describe, expect, test } from "vitest";
import { readTruth, startSmall } from "./helpers/emulator.js";

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("faults, limits and the quota", () => {
  test("at a fault rate of 0.1 (every kind), paging every breed still yields every labelled image", async () => {
    const emulator = await startSmall({ faultRate: 0.1, stallMs: 100 });
    try {
      const cats = createCatApiClient({
        apiKey: "demo",
        baseUrl: emulator.apiUrl,
        requestsPerSecond: Infinity,
        timeout: 2000,
        retry: { baseDelayMs: 1, maxDelayMs: 10, limit: 8 },
      });
      const breeds = await cats.breeds();
      const ids = (await collect(cats.searchImages({ breedIds: breeds.map((b) => b.id), limit: 5 }))).map((i) => i.id);
      expect(ids).toEqual((await readTruth(emulator, "?has_breeds=1")).map((e) => e.image_id));
      const stats = await (await fetch(`${emulator.url}/_emulator/stats`)).json();
      expect(Object.values(stats.faults as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThan(3);
    } finally {
      await emulator.stop();
    }
  });

  test("a spent monthly quota stops the paging at once with CatApiQuotaError, telling when to continue", async () => {
    const emulator = await startSmall({ monthlyLimit: 3 });
    try {
      const cats = createCatApiClient({ apiKey: "demo", baseUrl: emulator.apiUrl, requestsPerSecond: Infinity });
      const seen: string[] = [];
      const error = await (async () => {
        for await (const image of cats.searchImages({ limit: 5 })) seen.push(image.id);
      })().catch((e: unknown) => e);
      expect(seen).toHaveLength(15);
      expect(CatApiQuotaError.isInstance(error)).toBe(true);
      const quota = error as CatApiQuotaError;
      const now = new Date();
      const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
      expect(Math.abs(quota.resetAt.getTime() - nextMonth)).toBeLessThan(5000);
      expect(quota.message).toContain("Stop, and continue after");
      const stats = await (await fetch(`${emulator.url}/_emulator/stats`)).json();
      expect(stats.routes["GET /v1/images/search"]["429"]).toBe(1);
    } finally {
      await emulator.stop();
    }
  });

  test("the per-second limit is waited out (Retry-After), and surfaces as CatApiRateLimitError only without retries", async () => {
    const emulator = await startSmall({ rateLimit: 2 });
    try {
      const eager = createCatApiClient({ apiKey: "demo", baseUrl: emulator.apiUrl, requestsPerSecond: Infinity });
      const results = await Promise.all(Array.from({ length: 5 }, () => eager.breeds()));
      expect(results.every((r) => r.length === 67)).toBe(true);
      const impatient = createCatApiClient({ apiKey: "demo", baseUrl: emulator.apiUrl, requestsPerSecond: Infinity, retry: { limit: 0 } });
      const errors = await Promise.all(Array.from({ length: 6 }, () => impatient.breeds().catch((e: unknown) => e)));
      const limited = errors.filter((e) => CatApiRateLimitError.isInstance(e));
      expect(limited.length).toBeGreaterThan(0);
      expect(limited.every((e) => !CatApiQuotaError.isInstance(e) && (e as CatApiRateLimitError).retryAfter === 1)).toBe(true);
    } finally {
      await emulator.stop();
    }
  });

  test("the default ceiling keeps a client under a few requests per second", async () => {
    const emulator = await startSmall({ rateLimit: 5 });
    try {
      const polite = createCatApiClient({ apiKey: "demo", baseUrl: emulator.apiUrl, retry: { limit: 0 } });
      await Promise.all(Array.from({ length: 8 }, () => polite.breeds()));
      const stats = await (await fetch(`${emulator.url}/_emulator/stats`)).json();
      expect(stats.routes["GET /v1/breeds"]).toEqual({ "200": 8 });
    } finally {
      await emulator.stop();
    }
  });
});
