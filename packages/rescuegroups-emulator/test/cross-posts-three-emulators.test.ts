import { createHash } from "node:crypto";
import { type CrossPostSite, crossPostParts, crossPostsOf, expectedCrossPosts, imageSha256, readTruthLines } from "@cat-harvest/emulator-kit";
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import { startRescueGroupsEmulator } from "@cat-harvest/rescuegroups-emulator";
import { startCatApiEmulator } from "@cat-harvest/thecatapi-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

/** A truth line of any of the three emulators, as far as this test reads it. */
interface Line {
  readonly url: string;
  readonly sha256: string;
  readonly size?: string;
  readonly cross_post?: string;
}

/** What a test needs of a running emulator. */
interface Running {
  readonly url: string;
  readonly dataset: { readonly crossPosts: ReadonlyMap<unknown, unknown> };
  stop(): Promise<void>;
}

const SEED = 11;
const OPTIONS = { seed: SEED, scale: 0.02, rateLimit: 0 };
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const download = async (url: string) => sha256(new Uint8Array(await (await fetch(url)).arrayBuffer()));

/** Each emulator, how it starts, and the size a cross-posted photo is served at (the as-uploaded one), if it has sizes. */
const EMULATORS: readonly { site: CrossPostSite; start: (o: typeof OPTIONS & { crossPosts?: boolean }) => Promise<Running>; size?: string }[] = [
  { site: "petfinder", start: startEmulator, size: "full" },
  { site: "rescuegroups", start: startRescueGroupsEmulator, size: "original" },
  { site: "thecatapi", start: startCatApiEmulator },
];

const plain = new Map<CrossPostSite, Running>();
const crossing = new Map<CrossPostSite, Running>();
const truths = {} as Record<CrossPostSite, Line[]>;
const plainTruths = {} as Record<CrossPostSite, Line[]>;

beforeAll(async () => {
  for (const { site, start } of EMULATORS) {
    const [off, on] = await Promise.all([start(OPTIONS), start({ ...OPTIONS, crossPosts: true })]);
    plain.set(site, off);
    crossing.set(site, on);
    [plainTruths[site], truths[site]] = await Promise.all([readTruthLines<Line>(off), readTruthLines<Line>(on)]);
  }
}, 60_000);
afterAll(() => Promise.all([...plain.values(), ...crossing.values()].map((e) => e.stop())));

describe.each(EMULATORS)("the $site emulator", ({ site, size }) => {
  const relative = (line: Line, emulator: Running) => line.url.replace(emulator.url, "");

  test("does not cross-post by default: nothing is marked", () => {
    expect(plain.get(site)!.dataset.crossPosts.size).toBe(0);
    expect(plainTruths[site].filter((line) => "cross_post" in line)).toEqual([]);
  });

  test("with crossPosts, marks every pool photo it posts, at the as-uploaded size only, with the kit's bytes", () => {
    const posts = new Map(crossPostsOf(SEED, site).map((post) => [post.id, post]));
    const marked = truths[site].filter((line) => line.cross_post !== undefined);
    expect(new Set(marked.map((line) => line.cross_post))).toEqual(new Set(posts.keys()));
    for (const line of marked) {
      expect(line.size).toBe(size);
      expect(line.sha256).toBe(imageSha256(crossPostParts(posts.get(line.cross_post!)!)));
    }
  });

  test("serves the marked bytes over HTTP, and every other URL as without crossPosts", async () => {
    for (const line of truths[site].filter((l) => l.cross_post !== undefined)) expect(await download(line.url)).toBe(line.sha256);
    const before = new Map(plainTruths[site].map((line) => [relative(line, plain.get(site)!), line.sha256]));
    expect(truths[site]).toHaveLength(before.size);
    for (const line of truths[site]) {
      if (line.cross_post === undefined) expect(line.sha256).toBe(before.get(relative(line, crossing.get(site)!)));
    }
  });
});

describe("three emulators at the same seed with crossPosts on", () => {
  test("every pool photo is listed by two or three of them, with the same sha256 everywhere", () => {
    const groups = expectedCrossPosts(truths);
    expect(groups.length).toBe(32);
    for (const group of groups) expect(group.sources.length).toBeGreaterThanOrEqual(2);
    expect(groups.filter((g) => g.sources.length === 3)).toHaveLength(8);
  });

  test("each emulator's CDN serves those bytes at its own URLs", async () => {
    for (const group of expectedCrossPosts(truths)) {
      const served = await Promise.all(group.copies.map(({ url }) => download(url)));
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
