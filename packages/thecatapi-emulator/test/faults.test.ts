import type { FaultKind } from "@cat-harvest/thecatapi-emulator";
import { describe, expect, test } from "vitest";
import { get, readTruth, startSmall } from "./helpers.js";

/** An image path from a fault-free emulator (the same seed serves the same data). */
async function imagePath(): Promise<string> {
  const clean = await startSmall();
  try {
    return new URL((await readTruth(clean))[0]!.url).pathname;
  } finally {
    await clean.stop();
  }
}

async function withFault(kind: FaultKind, fn: (ctx: { apiUrl: string; image: string; url: string }) => Promise<void>, stallMs = 20_000): Promise<void> {
  const path = await imagePath();
  const faulty = await startSmall({ faultRate: 1, faultKinds: [kind], stallMs });
  try {
    await fn({ apiUrl: faulty.apiUrl, image: `${faulty.url}${path}`, url: faulty.url });
  } finally {
    await faulty.stop();
  }
}

describe("faults", () => {
  test.each([
    ["status-500", 500],
    ["status-502", 502],
    ["status-503", 503],
    ["status-429", 429],
  ] as const)("%s answers %i on API and image routes", async (kind, status) => {
    await withFault(kind, async ({ apiUrl, image, url }) => {
      const api = await fetch(`${apiUrl}/breeds`, { headers: { "x-api-key": "demo" } });
      expect(api.status).toBe(status);
      await api.arrayBuffer();
      const img = await fetch(image);
      expect(img.status).toBe(status);
      await img.arrayBuffer();
      const stats = await (await fetch(`${url}/_emulator/stats`)).json();
      expect(stats.faults[kind]).toBe(2);
    });
  });

  test("reset destroys the connection; cut-short sends less than Content-Length", async () => {
    await withFault("reset", async ({ apiUrl, image }) => {
      await expect(fetch(`${apiUrl}/breeds`)).rejects.toThrow(TypeError);
      await expect(fetch(image)).rejects.toThrow(TypeError);
    });
    await withFault("cut-short", async ({ image }) => {
      const res = await fetch(image);
      expect(res.status).toBe(200);
      await expect(res.arrayBuffer()).rejects.toThrow();
    });
  });

  test("a short stall ends in a closed connection", async () => {
    await withFault(
      "stall",
      async ({ image }) => {
        const res = await fetch(image);
        await expect(res.arrayBuffer()).rejects.toThrow();
      },
      50,
    );
  });

  test("draws are deterministic per seed and fresh for each repeat; /_emulator never faults", async () => {
    const outcomes = async (seed: number) => {
      const emulator = await startSmall({ seed, faultRate: 0.4, faultKinds: ["status-500", "status-503"] });
      try {
        const seen: number[] = [];
        for (let i = 0; i < 30; i++) seen.push((await get(emulator, "/breeds")).status);
        for (let i = 0; i < 5; i++) expect((await fetch(`${emulator.url}/_emulator/stats`)).status).toBe(200);
        return seen;
      } finally {
        await emulator.stop();
      }
    };
    const a = await outcomes(11);
    expect(await outcomes(11)).toEqual(a);
    expect(await outcomes(12)).not.toEqual(a);
    expect(a).toContain(200);
    expect(a.some((s) => s === 500 || s === 503)).toBe(true);
  });
});
