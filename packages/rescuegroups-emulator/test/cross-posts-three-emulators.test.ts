import { createHash } from "node:crypto";
import { expectedCrossPosts, readTruthLines } from "@cat-harvest/emulator-kit";
import { type Emulator, startEmulator } from "@cat-harvest/petfinder-emulator";
import { type RescueGroupsEmulator, startRescueGroupsEmulator } from "@cat-harvest/rescuegroups-emulator";
import { type CatApiEmulator, startCatApiEmulator } from "@cat-harvest/thecatapi-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

/** A truth line of any of the three emulators, as far as this test reads it. */
interface Line {
  readonly url: string;
  readonly sha256: string;
  readonly cross_post?: string;
}

const SEED = 11;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let petfinder: Emulator;
let rescuegroups: RescueGroupsEmulator;
let thecatapi: CatApiEmulator;
let truths: Record<"petfinder" | "rescuegroups" | "thecatapi", Line[]>;

beforeAll(async () => {
  const options = { seed: SEED, scale: 0.02, rateLimit: 0, crossPosts: true };
  [petfinder, rescuegroups, thecatapi] = await Promise.all([startEmulator(options), startRescueGroupsEmulator(options), startCatApiEmulator(options)]);
  truths = {
    petfinder: await readTruthLines<Line>(petfinder),
    rescuegroups: await readTruthLines<Line>(rescuegroups),
    thecatapi: await readTruthLines<Line>(thecatapi),
  };
}, 60_000);
afterAll(() => Promise.all([petfinder.stop(), rescuegroups.stop(), thecatapi.stop()]));

describe("three emulators at the same seed with crossPosts on", () => {
  test("every pool photo is listed by two or three of them, with the same sha256 everywhere", () => {
    const groups = expectedCrossPosts(truths);
    expect(groups.length).toBe(32);
    for (const group of groups) expect(group.sources.length).toBeGreaterThanOrEqual(2);
    expect(groups.filter((g) => g.sources.length === 3)).toHaveLength(8);
  });

  test("each emulator's CDN serves those bytes at its own URLs", async () => {
    for (const group of expectedCrossPosts(truths)) {
      const served = await Promise.all(group.copies.map(async ({ url }) => sha256(new Uint8Array(await (await fetch(url)).arrayBuffer()))));
      expect(new Set(served)).toEqual(new Set([group.sha256]));
    }
  });

  test("no other photo is shared between two emulators", () => {
    const unmarked = Object.values(truths).map((lines) => new Set(lines.filter((l) => l.cross_post === undefined).map((l) => l.sha256)));
    const marked = new Set(Object.values(truths).flatMap((lines) => lines.filter((l) => l.cross_post !== undefined).map((l) => l.sha256)));
    for (const [a, own] of unmarked.entries()) {
      for (const sha of own) expect(marked.has(sha)).toBe(false);
      for (const other of unmarked.slice(a + 1)) expect([...own].filter((sha) => other.has(sha))).toEqual([]);
    }
  });
});
