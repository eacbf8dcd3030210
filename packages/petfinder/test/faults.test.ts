// At a 20% fault rate (5xx, 429, resets, bodies cut short, stalls, early token expiry) the
// client must return exactly what a fault-free server returns.
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createPetfinderClient, type PetfinderClient, type PetfinderRequestEvent } from "@cat-harvest/petfinder";
import { emulatorStats } from "./helpers/emulator-stats.js";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const SCALE = 0.02;
let clean: Emulator;
let faulty: Emulator;
beforeAll(async () => {
  [clean, faulty] = await Promise.all([
    startEmulator({ seed: 7, scale: SCALE, host: "127.0.0.1", port: 0, rateLimit: 0 }),
    startEmulator({ seed: 7, scale: SCALE, host: "127.0.0.1", port: 0, rateLimit: 0, faultRate: 0.2, stallMs: 3_000 }),
  ]);
});
afterAll(async () => {
  await Promise.all([clean?.stop(), faulty?.stop()]);
});

/** Everything a harvest reads: types, breeds and every record of a few breeds, with photos. */
async function snapshot(client: PetfinderClient) {
  const types = (await client.types()).map((t) => t.name);
  const breeds = (await client.breeds("cat")).map((b) => b.name);
  const animals: { id: number; breeds: unknown; photos: unknown }[] = [];
  for (const breed of ["Domestic Short Hair", "Siamese", "Bengal"]) {
    for await (const a of client.searchAnimals({ type: "cat", breed, limit: 5 })) {
      animals.push({ id: a.id, breeds: a.breeds, photos: a.photos });
    }
  }
  const first = animals[0]!.id;
  const one = await client.animal(first);
  const orgs = [];
  for await (const o of client.searchOrganizations({ limit: 20 }, { maxPages: 3 })) orgs.push(o.id);
  const result = { types, breeds, animals, one: { id: one.id, photos: one.photos }, orgs };
  // Photo URLs are absolute on each emulator's own origin; compare them without it.
  return JSON.parse(JSON.stringify(result).replaceAll(client.baseUrl, "<origin>")) as typeof result;
}

test("faults at rate 0.2 are retried into the same records as a fault-free run", async () => {
  const options = { clientId: "demo", clientSecret: "demo", requestsPerSecond: Infinity } as const;
  const expected = await snapshot(createPetfinderClient({ ...options, baseUrl: clean.url }));
  expect(expected.animals.length).toBeGreaterThan(40); // many pages a breed: many requests to fault

  const events: PetfinderRequestEvent[] = [];
  const client = createPetfinderClient({
    ...options,
    baseUrl: faulty.url,
    timeout: 1_000, // stalled bodies
    retry: { limit: 8, baseDelayMs: 5, maxDelayMs: 100 },
    onRequest: (e) => events.push(e),
  });
  expect(await snapshot(client)).toEqual(expected);

  // The run really met faults of several kinds.
  const { faults } = await emulatorStats(faulty.url);
  expect(Object.keys(faults).length).toBeGreaterThanOrEqual(5);
  expect(Object.values(faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  expect(events.some((e) => e.status !== undefined && e.status >= 500)).toBe(true);
  expect(events.some((e) => e.status === 429)).toBe(true);
  expect(events.some((e) => e.status === 401)).toBe(true);
  expect(events.some((e) => e.failure === "timeout")).toBe(true);
  expect(events.some((e) => e.failure === "network" || e.failure === "invalid-body")).toBe(true);
});
