import { describe, expect, test } from "vitest";
import { get, startSmall } from "./helpers.js";

describe("limits", () => {
  test("over the per-second limit answers 429 with Retry-After: 1 until the next second; images are not limited", async () => {
    let now = Date.UTC(2026, 2, 3, 10, 0, 0, 100);
    const emulator = await startSmall({ rateLimit: 3, now: () => now });
    try {
      for (let i = 0; i < 3; i++) expect((await get(emulator, "/breeds")).status).toBe(200);
      const limited = await get(emulator, "/images/search?limit=1&order=ASC");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("1");
      expect(limited.body.message).toContain("per second");
      const truth = await (await fetch(`${emulator.url}/_emulator/truth`)).text();
      const url = JSON.parse(truth.split("\n")[0]!).url as string;
      for (let i = 0; i < 5; i++) {
        const image = await fetch(url);
        expect(image.status).toBe(200);
        await image.arrayBuffer();
      }
      now += 1000;
      expect((await get(emulator, "/breeds")).status).toBe(200);
    } finally {
      await emulator.stop();
    }
  });

  test("the monthly quota answers 429 with Retry-After until the 1st of next month (UTC), then resets", async () => {
    let now = Date.UTC(2026, 1, 28, 23, 0, 0);
    const emulator = await startSmall({ monthlyLimit: 4, now: () => now });
    try {
      for (let i = 0; i < 4; i++) expect((await get(emulator, "/breeds")).status).toBe(200);
      const spent = await get(emulator, "/breeds");
      expect(spent.status).toBe(429);
      expect(spent.headers.get("retry-after")).toBe("3600");
      expect(spent.body.message).toContain("Monthly quota");
      now = Date.UTC(2026, 2, 1, 0, 0, 1);
      expect((await get(emulator, "/breeds")).status).toBe(200);
    } finally {
      await emulator.stop();
    }
  });

  test("latencyMs holds an API response back at least that long, never /_emulator", async () => {
    const emulator = await startSmall({ latencyMs: 150 });
    try {
      const start = performance.now();
      await (await fetch(`${emulator.apiUrl}/breeds`)).arrayBuffer();
      expect(performance.now() - start).toBeGreaterThanOrEqual(140);
      expect((await get(emulator, "/breeds")).status).toBe(200);
    } finally {
      await emulator.stop();
    }
  });
});
