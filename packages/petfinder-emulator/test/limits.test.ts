import { describe, expect, test } from "vitest";
import { get, startSmall, token } from "./helpers.js";

describe("rate limits", () => {
  test("over the per-second limit answers 429 with Retry-After: 1 until the next second", async () => {
    let now = Date.UTC(2026, 2, 3, 10, 0, 0, 100);
    const emulator = await startSmall({ rateLimit: 3, now: () => now });
    try {
      const t = await token(emulator);
      for (let i = 0; i < 3; i++) expect((await get(emulator, "/v2/types", t)).status).toBe(200);
      const limited = await get(emulator, "/v2/types", t);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("1");
      expect(limited.headers.get("content-type")).toContain("application/problem+json");
      expect(limited.body).toMatchObject({ status: 429, title: "Too Many Requests" });
      expect(limited.body.detail).toContain("per second");
      // Neither the token endpoint, photos nor /_emulator count or get limited.
      await token(emulator);
      const photo = await get(emulator, "/v2/animals?limit=1", t);
      expect(photo.status).toBe(429);
      expect((await get(emulator, "/_emulator/stats")).status).toBe(200);
      now += 1000;
      const res = await get(emulator, "/v2/animals?limit=100", t);
      expect(res.status).toBe(200);
      const url = res.body.animals.find((a: { photos: unknown[] }) => a.photos.length > 0).photos[0].small as string;
      for (let i = 0; i < 6; i++) {
        const r = await fetch(url);
        expect(r.status).toBe(200);
        await r.arrayBuffer();
      }
    } finally {
      await emulator.stop();
    }
  });

  test("over the daily limit answers 429 with Retry-After until 00:00 UTC, then resets", async () => {
    let now = Date.UTC(2026, 2, 3, 23, 0, 0);
    const emulator = await startSmall({ dailyLimit: 5, now: () => now });
    try {
      const t = await token(emulator);
      for (let i = 0; i < 5; i++) expect((await get(emulator, "/v2/types", t)).status).toBe(200);
      const over = await get(emulator, "/v2/types", t);
      expect(over.status).toBe(429);
      expect(over.headers.get("retry-after")).toBe("3600");
      expect(over.body.detail).toContain("daily");
      now += 1800_000;
      const later = await get(emulator, "/v2/types", t);
      expect(later.headers.get("retry-after")).toBe("1800");
      now = Date.UTC(2026, 2, 4, 0, 0, 1);
      expect((await get(emulator, "/v2/types", await token(emulator))).status).toBe(200);
    } finally {
      await emulator.stop();
    }
  });
});

describe("latency", () => {
  test("latencyMs holds an API response back at least that long", async () => {
    const emulator = await startSmall({ latencyMs: 150 });
    try {
      // A lower bound only: the delay is the feature under test, not a speed claim.
      const elapsed = async (path: string) => {
        const start = performance.now();
        const res = await fetch(`${emulator.url}${path}`);
        await res.arrayBuffer();
        return performance.now() - start;
      };
      expect(await elapsed("/v2/types")).toBeGreaterThanOrEqual(140);
      const stats = await get(emulator, "/_emulator/stats");
      expect(stats.status).toBe(200);
      expect(stats.body.routes["GET /v2/types"]["401"]).toBe(1);
    } finally {
      await emulator.stop();
    }
  });
});
