// Tokens that expire while a search is being paged through.
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import { expect, test } from "vitest";
import { createPetfinderClient, type PetfinderRequestEvent } from "@cat-harvest/petfinder";
import { emulatorStats } from "./helpers/emulator-stats.js";

test("a search outlives several short-lived tokens and returns every record", async () => {
  const emulator = await startEmulator({ seed: 3, scale: 0.02, host: "127.0.0.1", port: 0, rateLimit: 0, tokenTtlSeconds: 1, latencyMs: 150 });
  try {
    const events: PetfinderRequestEvent[] = [];
    const client = createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: emulator.url, onRequest: (e) => events.push(e) });
    const params = { type: "cat", limit: 5 } as const;
    const ids: number[] = [];
    for await (const cat of client.searchAnimals(params, { maxPages: 14 })) ids.push(cat.id);
    expect(ids).toHaveLength(70);
    expect(new Set(ids).size).toBe(70);
    // 14 pages at >= 150 ms each span more than two token lifetimes.
    expect((await emulatorStats(emulator.url)).tokens).toBeGreaterThanOrEqual(3);
    expect(events.filter((e) => e.kind === "token").length).toBeGreaterThanOrEqual(3);
  } finally {
    await emulator.stop();
  }
});

test("a token the server drops early is replaced once and the search goes on", async () => {
  const emulator = await startEmulator({ seed: 5, scale: 0.02, host: "127.0.0.1", port: 0, rateLimit: 0, faultRate: 0.25, faultKinds: ["early-expiry"] });
  try {
    const events: PetfinderRequestEvent[] = [];
    const client = createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: emulator.url, onRequest: (e) => events.push(e) });
    const ids: number[] = [];
    for await (const cat of client.searchAnimals({ type: "cat", limit: 5 }, { maxPages: 12 })) ids.push(cat.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    const refused = events.filter((e) => e.kind === "api" && e.status === 401).length;
    expect(refused).toBeGreaterThan(0);
    expect(events.filter((e) => e.kind === "token").length).toBe(refused + 1);
  } finally {
    await emulator.stop();
  }
});
