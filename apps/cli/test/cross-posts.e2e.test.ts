// Cross-posted photos (the same upload on several sites) stored once by the built command: the
// three emulators started here with `crossPosts` at the demo's seed and scale, reached with
// --api-url, their truths giving the expected groups (`expectedCrossPosts`); and --demo with
// three sources, whose in-process emulators serve the same bytes (compared by sha256).
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectedCrossPosts, readTruthLines, type ExpectedCrossPost } from "@cat-harvest/emulator-kit";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { readTruth as readRescueGroupsTruth, startRescueGroupsEmulator, type RescueGroupsEmulator } from "@cat-harvest/rescuegroups-emulator";
import { readTruth as readCatApiTruth, startCatApiEmulator, type CatApiEmulator } from "@cat-harvest/thecatapi-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CLI, run } from "./run-process.js";

const OPTIONS = { seed: 1, scale: 0.02, crossPosts: true, host: "127.0.0.1", port: 0 } as const;
const BREEDS = ["Siamese", "Bengal"];

let tmp: string;
let petfinder: Emulator;
let rescue: RescueGroupsEmulator;
let cats: CatApiEmulator;
let groups: ExpectedCrossPost[];
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-cross-posts-e2e-"));
  [petfinder, rescue, cats] = await Promise.all([
    startEmulator({ ...OPTIONS, clientId: "demo", clientSecret: "demo" }),
    startRescueGroupsEmulator({ ...OPTIONS, rateLimit: 0 }),
    startCatApiEmulator({ ...OPTIONS, rateLimit: 0 }),
  ]);
  const all = expectedCrossPosts({
    petfinder: await readTruthLines(petfinder, "?size=full"),
    rescuegroups: await readRescueGroupsTruth(rescue),
    thecatapi: await readCatApiTruth(cats),
  });
  groups = all.filter((g) => BREEDS.some((b) => g.id.startsWith(`xp-${b.toLowerCase()}-`)));
});
afterAll(async () => {
  await Promise.all([petfinder?.stop(), rescue?.stop(), cats?.stop()]);
  await rm(tmp, { recursive: true, force: true });
});

const env = () => ({ PETFINDER_CLIENT_ID: "demo", PETFINDER_CLIENT_SECRET: "demo", RESCUEGROUPS_API_KEY: "demo", THECATAPI_API_KEY: "demo" });
const args = (out: string) => [
  CLI,
  ...["--source", "petfinder,rescuegroups,thecatapi", "--breeds", BREEDS.join(","), "--concurrency", "8", "--json", "--out", out],
  ...["--api-url", `petfinder=${petfinder.url}`, "--api-url", `rescuegroups=${rescue.apiUrl}`, "--api-url", `thecatapi=${cats.apiUrl}`],
];
const jsonLines = <T>(text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

/** A data set file, from a folder or out of a .tar.gz by GNU tar. */
async function readDatasetFile(dest: string, name: string): Promise<string> {
  if (dest.endsWith(".tar.gz")) return execFileSync("tar", ["-xzOf", dest, name], { encoding: "utf8" });
  return readFile(join(dest, name), "utf8");
}

/**
 * Each cross-posted photo of the breeds stored once (by sha256), its other copies listed in
 * failures.jsonl as duplicates of that file; with `sameOrigins` (the emulators whose truths were
 * read), at exactly the URLs the truths name.
 */
async function expectEachStoredOnce(dest: string, sameOrigins: boolean): Promise<string> {
  const metadata = await readDatasetFile(dest, "metadata.jsonl");
  const rows = jsonLines<{ file_name: string; source_url: string; sha256: string }>(metadata);
  const failures = jsonLines<{ source_url: string; reason: string; duplicate_of?: string }>(await readDatasetFile(dest, "failures.jsonl"));
  for (const group of groups) {
    const stored = rows.filter((r) => r.sha256 === group.sha256);
    expect(stored, group.id).toHaveLength(1);
    const dropped = failures.filter((f) => f.reason === "duplicate" && f.duplicate_of === stored[0]!.file_name);
    expect(dropped, group.id).toHaveLength(group.copies.length - 1);
    if (sameOrigins) expect([...stored, ...dropped].map((r) => r.source_url).sort(), group.id).toEqual(group.copies.map((c) => c.url).sort());
  }
  return metadata;
}

/** The metadata.jsonl of two runs of the built command, each into a fresh `name` checked by `expectEachStoredOnce`. */
async function harvestTwice(name: string, argv: (dest: string) => string[], sameOrigins: boolean): Promise<string[]> {
  const metadata = [];
  for (const run_ of ["one", "two"]) {
    const dest = join(tmp, run_, name);
    const result = await run("node", argv(dest), { env: sameOrigins ? env() : {} });
    expect(result.code, result.stderr).toBe(0);
    metadata.push(await expectEachStoredOnce(dest, sameOrigins));
  }
  return metadata;
}

describe("cross-posted photos of three sources (emulators with crossPosts, --api-url)", () => {
  test("the harvested breeds have photos posted on two and three sites", () => {
    expect(groups.length).toBe(BREEDS.length * 4);
    expect(new Set(groups.map((g) => g.sources.length))).toEqual(new Set([2, 3]));
  });

  test.each([
    ["a folder", "merged"],
    ["a .tar.gz", "merged.tar.gz"],
  ])("into %s: each is stored once, the other copies listed as duplicates, and two runs write the same metadata.jsonl", async (_kind, name) => {
    const metadata = await harvestTwice(name, args, true);
    expect(metadata[1]).toBe(metadata[0]);
  });
});

describe("--demo --source petfinder,rescuegroups,thecatapi (emulators cross-posting at one seed)", () => {
  test.each([
    ["a folder", "demo"],
    ["a .tar.gz", "demo.tar.gz"],
  ])(
    "into %s: each cross-posted photo is stored once, and two runs write the same metadata.jsonl",
    async (_kind, name) => {
      const argv = (dest: string) => [CLI, "--demo", "--source", "petfinder,rescuegroups,thecatapi", "--breeds", BREEDS.join(","), "--json", "--out", dest];
      // Each demo's emulators listen on ports of their own: the rest of every line is the same.
      const metadata = (await harvestTwice(name, argv, false)).map((m) => m.replaceAll(/http:\/\/127\.0\.0\.1:\d+\//g, "http://127.0.0.1:PORT/"));
      expect(metadata[0]).toContain('"source":"rescuegroups"');
      expect(metadata[1]).toBe(metadata[0]);
      // Two demo harvests, each starting three emulators that draw their JPEGs: about 7 s of CPU.
    },
    90_000,
  );
});
