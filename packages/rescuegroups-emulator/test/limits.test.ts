import { type RescueGroupsEmulator } from "@cat-harvest/rescuegroups-emulator";
import { afterEach, describe, expect, test } from "vitest";
import { call, readTruth, SEARCH, startSmall } from "./helpers.js";

const running: RescueGroupsEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});
async function start(...args: Parameters<typeof startSmall>) {
  const e = await startSmall(...args);
  running.push(e);
  return e;
}

describe("limits", () => {
  test("over the per-second limit: 429 with Retry-After 1, a JSON:API error saying per second; the next second admits again", async () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const rg = await start({ rateLimit: 2, now: () => now });
    expect((await call(rg, SEARCH)).status).toBe(200);
    expect((await call(rg, SEARCH)).status).toBe(200);
    const refused = await call(rg, SEARCH);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body.errors[0].detail).toMatch(/per second/);
    now += 1000;
    expect((await call(rg, SEARCH)).status).toBe(200);
  });

  test("a spent daily quota: 429 until 00:00 UTC, saying daily quota (what the client reads as a quota); pictures and /_emulator stay open", async () => {
    let now = Date.UTC(2026, 0, 1, 23, 0, 0);
    const rg = await start({ dailyLimit: 1, now: () => now });
    expect((await call(rg, SEARCH)).status).toBe(200);
    const spent = await call(rg, "/public/animals/breeds");
    expect(spent.status).toBe(429);
    expect(spent.headers.get("retry-after")).toBe("3600");
    expect(spent.body.errors[0].detail).toMatch(/Daily quota exceeded/);
    const [picture] = await readTruth(rg, "?size=small");
    expect((await fetch(picture!.url)).status).toBe(200);
    now += 3600_000;
    expect((await call(rg, SEARCH)).status).toBe(200);
  });

  test("requests without a valid key are refused before they count", async () => {
    const rg = await start({ dailyLimit: 1 });
    expect((await call(rg, SEARCH, { key: "nope" })).status).toBe(401);
    expect((await call(rg, SEARCH)).status).toBe(200);
  });
});

describe("faults", () => {
  test("a fault rate draws every kind, deterministically per seed; /_emulator is never faulted", async () => {
    const statuses = async () => {
      const rg = await start({ faultRate: 0.5, stallMs: 50, seed: 9 });
      const out: string[] = [];
      for (let page = 1; page <= 40; page++) {
        try {
          const res = await fetch(`${rg.apiUrl}${SEARCH}&limit=1&page=${page}`, { headers: { authorization: "demo" } });
          out.push(`${res.status}:${(await res.text()).length > 0 ? "body" : "empty"}`);
        } catch {
          out.push("failed");
        }
      }
      expect((await fetch(`${rg.url}/_emulator/stats`)).status).toBe(200);
      return { out, faults: rg.stats().faults };
    };
    const first = await statuses();
    const second = await statuses();
    expect(second.out).toEqual(first.out);
    expect(first.out).toContain("failed");
    expect(first.out.some((s) => s.startsWith("5"))).toBe(true);
    expect(Object.keys(first.faults).length).toBeGreaterThan(3);
  });

  test("latency delays API answers but not /_emulator", async () => {
    const rg = await start({ latencyMs: 150 });
    let t = Date.now();
    await call(rg, "/public/animals/breeds");
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    t = Date.now();
    await fetch(`${rg.url}/_emulator/stats`);
    expect(Date.now() - t).toBeLessThan(140);
  });
});

describe("options", () => {
  test.each([
    [{ scale: 0 }, /option scale/],
    [{ dailyLimit: -1 }, /option dailyLimit/],
    [{ apiKeys: [] }, /option apiKeys/],
    [{ faultKinds: ["meteor"] }, /option faultKinds/],
  ])("%j is a TypeError naming the option", async (options, message) => {
    await expect(startSmall(options as never)).rejects.toThrow(message);
  });
});
