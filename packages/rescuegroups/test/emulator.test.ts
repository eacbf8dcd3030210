// The real client against the faithful RescueGroups emulator (@cat-harvest/rescuegroups-emulator),
// over HTTP on 127.0.0.1: what it lists must be exactly what the emulator's ground truth says.
import { createHash } from "node:crypto";
import { canonicalBreed } from "@cat-harvest/photos";
import { readTruth, startRescueGroupsEmulator, type RescueGroupsEmulator, type RescueGroupsEmulatorOptions } from "@cat-harvest/rescuegroups-emulator";
import { afterEach, describe, expect, test } from "vitest";
import {
  createRescueGroupsClient,
  rescueGroupsCandidates,
  RescueGroupsAuthError,
  RescueGroupsQuotaError,
  type RescueGroupsClientOptions,
  type RescueGroupsPhotoCandidate,
} from "../src/index.js";
import { everythingSaid, rejectionOf } from "./helpers/with-server.js";

const running: RescueGroupsEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

async function emulator(options: RescueGroupsEmulatorOptions = {}): Promise<RescueGroupsEmulator> {
  const started = await startRescueGroupsEmulator({ seed: 3, scale: 0.01, rateLimit: 0, ...options });
  running.push(started);
  return started;
}

function clientOf(emulator: RescueGroupsEmulator, options: Partial<RescueGroupsClientOptions> = {}) {
  return createRescueGroupsClient({
    apiKey: "demo",
    baseUrl: emulator.apiUrl,
    requestsPerSecond: Infinity,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/** Every breed's cats, paged fully, as primary-breed candidates at `size`, by breed id. */
async function candidatesByBreed(client: ReturnType<typeof clientOf>, size: "full" | "large", breedIds?: readonly string[]) {
  const candidatesOf = rescueGroupsCandidates({ size, breedFields: "primary" });
  const out = new Map<string, RescueGroupsPhotoCandidate[]>();
  for (const breed of await client.catBreeds()) {
    if (breedIds && !breedIds.includes(breed.id)) continue;
    const list: RescueGroupsPhotoCandidate[] = [];
    for await (const cat of client.searchCats({ breedId: breed.id, limit: 7 })) list.push(...candidatesOf(cat));
    out.set(breed.id, list);
  }
  return out;
}

const sha256 = (bytes: ArrayBuffer) => createHash("sha256").update(new Uint8Array(bytes)).digest("hex");

describe("the client against the RescueGroups emulator", () => {
  test("every breed's cats, paged fully: their candidates' picture URLs are the truth's for that breed, and every download is byte-identical", async () => {
    const rg = await emulator();
    const client = clientOf(rg);
    const breeds = await client.catBreeds();
    expect(breeds.length).toBeGreaterThan(50);
    const byBreed = await candidatesByBreed(client, "full");
    let downloads = 0;
    for (const breed of breeds) {
      const candidates = byBreed.get(breed.id)!;
      const truth = await readTruth(rg, `?breedPrimaryId=${breed.id}&size=original`);
      expect(candidates.map((c) => c.url).sort(), breed.name).toEqual(truth.map((t) => t.url).sort());
      expect(candidates.length, breed.name).toBeGreaterThan(0);
      for (const candidate of candidates) expect(candidate.breed).toBe(canonicalBreed("rescuegroups", breed.name).name);
      const sums = new Map(truth.map((t) => [t.url, t]));
      await Promise.all(
        candidates.map(async (c) => {
          const res = await fetch(c.url);
          expect(res.headers.get("content-type")).toBe("image/jpeg");
          const bytes = await res.arrayBuffer();
          expect(bytes.byteLength).toBe(sums.get(c.url)!.bytes);
          expect(sha256(bytes)).toBe(sums.get(c.url)!.sha256);
          downloads++;
        }),
      );
    }
    expect(downloads).toBe((await readTruth(rg, "?size=original")).length);
  });

  test("large candidates (?width=500) match the truth's large pictures, whichever picture shape each cat came in", async () => {
    const rg = await emulator();
    const byBreed = await candidatesByBreed(clientOf(rg), "large");
    const all = [...byBreed.values()].flat();
    expect(all.map((c) => c.url).sort()).toEqual((await readTruth(rg, "?size=large")).map((t) => t.url).sort());
    expect(all.every((c) => c.size === "large" && c.url.endsWith("?width=500"))).toBe(true);
  });

  test("with a fault rate of 0.1 the same harvest completes and lists the same pictures", async () => {
    const rg = await emulator({ faultRate: 0.1, stallMs: 300 });
    const client = clientOf(rg, { timeout: 2000, retry: { limit: 10, baseDelayMs: 1, maxDelayMs: 5 } });
    const some = (await clientOf(await emulator()).catBreeds()).slice(0, 12).map((b) => b.id);
    const byBreed = await candidatesByBreed(client, "full", some);
    for (const id of some) {
      const truth = await readTruth(rg, `?breedPrimaryId=${id}&size=original`);
      expect(
        byBreed
          .get(id)!
          .map((c) => c.url)
          .sort(),
      ).toEqual(truth.map((t) => t.url).sort());
    }
    expect(Object.values(rg.stats().faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  test("a spent daily quota stops the client at once with RescueGroupsQuotaError and when to continue", async () => {
    const now = Date.UTC(2026, 10, 28, 18, 0, 0);
    const rg = await emulator({ dailyLimit: 2, now: () => now });
    const client = clientOf(rg);
    await client.catsPage({ limit: 1 });
    await client.catsPage({ limit: 1, page: 2 });
    const error = await rejectionOf(client.catsPage({ limit: 1, page: 3 }));
    expect(RescueGroupsQuotaError.isInstance(error)).toBe(true);
    const quota = error as RescueGroupsQuotaError;
    expect(quota.retryAfter).toBe(6 * 3600);
    expect(quota.message).toMatch(/Daily quota exceeded/);
    expect(rg.stats().routes["GET /v5/public/animals/search/available/{species}/haspic"]).toEqual({ "200": 2, "429": 1 });
  });

  test("a wrong key is a RescueGroupsAuthError (401) that never says the key", async () => {
    const rg = await emulator();
    const error = await rejectionOf(clientOf(rg, { apiKey: "wrong-key-7d1e" }).catBreeds());
    expect(RescueGroupsAuthError.isInstance(error)).toBe(true);
    expect((error as RescueGroupsAuthError).status).toBe(401);
    expect(everythingSaid(error)).not.toContain("wrong-key-7d1e");
  });
});
