// Issue 13, items 1 and 7: the built `cat-harvest` (dist/cli.js, run by Bun as a child
// process) against the emulator, re-running into a finished .tar.gz. A re-run killed at any
// moment leaves an archive GNU tar and Python read whole, whose metadata.jsonl lists every
// file stored before; `verify` run beside a harvest never changes the archive it reads.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { BUN, CLI, expectMatchesTruth, fetchTruth, jsonLines, readFromFolder, run, sha256, start } from "./run-process.js";

vi.setConfig({ testTimeout: 240_000 });

let tmp: string;
let emulator: Emulator;
const demoEnv = () => ({ PETFINDER_CLIENT_ID: "demo", PETFINDER_CLIENT_SECRET: "demo" });
const cli = (args: string[]) => run(BUN, [CLI, ...args], { env: demoEnv(), cwd: tmp });

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` in apps/cli first`);
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-archive-rerun-"));
  emulator = await startEmulator({ seed: 7, scale: 0.015, port: 0, latencyMs: 40 });
});
afterAll(async () => {
  await emulator?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const PYTHON_LAST_METADATA = `
import sys, tarfile, warnings
warnings.simplefilter("error")
with tarfile.open(sys.argv[1], "r:gz") as archive:
    names = archive.getnames()
    sys.stdout.write(archive.extractfile("metadata.jsonl").read().decode("utf-8"))
`;

/**
 * Reads the archive as GNU tar (extracting it: exit 0, nothing on stderr) and Python's
 * tarfile do; both must find a metadata.jsonl, and agree on it. Returns its file names.
 */
async function metadataOfArchive(path: string, label: string): Promise<string[]> {
  const out = join(tmp, `x-${label}`);
  await mkdir(out, { recursive: true });
  execFileSync("tar", ["-xzf", path, "-C", out], { stdio: ["ignore", "pipe", "pipe"] });
  const fromGnu = await readFromFolder(out)("metadata.jsonl");
  if (!fromGnu) throw new Error(`${label}: GNU tar finds no metadata.jsonl in the archive`);
  const fromPython = execFileSync("python3", ["-W", "error", "-c", PYTHON_LAST_METADATA, path], { encoding: "utf8" });
  expect(fromPython, `${label}: Python's tarfile reads another metadata.jsonl than GNU tar`).toBe(new TextDecoder().decode(fromGnu));
  await rm(out, { recursive: true, force: true });
  return jsonLines<{ file_name: string }>(fromPython).map((row) => row.file_name);
}

/** Polls until `ready()` says so (or 20 s pass). */
async function until(ready: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 800 && !(await ready()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

const photosServed = async (url: string) => {
  const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as { routes: Record<string, Record<string, number>> };
  return stats.routes["GET photo"]?.["200"] ?? 0;
};

/** A .tar.gz in `tmp` that one harvest of Bengal finished, and the arguments of a harvest into it. */
async function finishedArchive(name: string): Promise<{ dest: string; args: (breeds: string) => string[] }> {
  const dest = join(tmp, name);
  const args = (breeds: string) => ["--api-url", emulator.url, "--breeds", breeds, "--out", dest, "--concurrency", "2"];
  const first = await cli(args("Bengal"));
  expect(first.code, first.stderr).toBe(0);
  return { dest, args };
}

describe("a re-run of a finished .tar.gz killed with SIGKILL", () => {
  test("leaves, at every moment, an archive whose metadata.jsonl lists every file stored before", async () => {
    const { dest, args } = await finishedArchive("finished.tar.gz");
    const earlier = await metadataOfArchive(dest, "finished");
    expect(earlier.length).toBeGreaterThan(5);
    // A no-op re-run that ends changes nothing: the data set files it writes are those stored.
    const finished = sha256(await readFile(dest));
    expect((await cli(args("Bengal"))).code).toBe(0);
    expect(sha256(await readFile(dest)), "a no-op re-run changed the archive").toBe(finished);

    // A no-op re-run within its first second, then a re-run that adds a breed: before its
    // first put, with its first photo under way, after its first entry is in, and later.
    const moments: Array<{ label: string; breeds: string; when: (output: () => string) => Promise<void> }> = [];
    for (const ms of [50, 150]) {
      moments.push({ label: `no-op re-run at ${ms} ms`, breeds: "Bengal", when: () => new Promise((resolve) => setTimeout(resolve, ms)) });
    }
    for (const said of ["Writing into", "Resuming:", "records (cache)", "stored 0 (+"]) {
      moments.push({
        label: `no-op re-run once it says ${JSON.stringify(said)}`,
        breeds: "Bengal",
        when: (output) => until(async () => output().includes(said)),
      });
    }
    const grown = (size: number) => until(async () => (await stat(dest)).size > size);
    moments.push(
      { label: "growing re-run before its first put", breeds: "Bengal,Siamese", when: () => new Promise((resolve) => setTimeout(resolve, 250)) },
      {
        label: "growing re-run with its first photo under way",
        breeds: "Bengal,Siamese",
        when: async () => {
          const served = await photosServed(emulator.url);
          await until(async () => (await photosServed(emulator.url)) > served);
        },
      },
      { label: "growing re-run after its first put", breeds: "Bengal,Siamese", when: async () => grown((await stat(dest)).size) },
      {
        label: "growing re-run after 8 photos",
        breeds: "Bengal,Siamese",
        when: async () => {
          const served = await photosServed(emulator.url);
          await until(async () => (await photosServed(emulator.url)) >= served + 8);
        },
      },
    );
    for (const moment of moments) {
      const victim = start(BUN, [CLI, ...args(moment.breeds)], { env: demoEnv(), cwd: tmp });
      await moment.when(victim.output);
      victim.child.kill("SIGKILL");
      const killed = await victim.done;
      // A no-op re-run may finish before the kill lands; it must then have succeeded.
      if (killed.signal !== "SIGKILL") expect(killed.code, `${moment.label}: ${killed.stderr}`).toBe(0);
      const listed = await metadataOfArchive(dest, moment.label.replace(/\W+/g, "-"));
      expect(listed, `${moment.label}: metadata.jsonl no longer lists every earlier file`).toEqual(expect.arrayContaining(earlier));
    }

    const rerun = await cli(args("Bengal,Siamese"));
    expect(rerun.code, rerun.stderr).toBe(0);
    const out = join(tmp, "final");
    await mkdir(out);
    execFileSync("tar", ["-xzf", dest, "-C", out]);
    const rows = await expectMatchesTruth(readFromFolder(out), await fetchTruth(emulator.url));
    expect(rows.map((row) => row.file_name)).toEqual(expect.arrayContaining(earlier));
    expect(new Set(rows.map((row) => row.breed))).toEqual(new Set(["Bengal", "Siamese"]));
    expect((await cli(["verify", dest])).code).toBe(0);
  });
});

describe("verify beside a harvest writing the same .tar.gz", () => {
  test("never changes the archive: after the harvest, GNU tar and Python read it whole", async () => {
    const { dest, args } = await finishedArchive("busy.tar.gz");

    const harvest = start(BUN, [CLI, ...args("Bengal,Siamese")], { env: demoEnv(), cwd: tmp });
    let running = true;
    void harvest.done.finally(() => (running = false));
    let verifies = 0;
    while (running) {
      const result = await cli(["verify", dest]);
      // Beside a writer, verify sees the archive as it was when it opened; it may also meet a
      // commit half-done and fail. Either way it must not write.
      expect([0, 1, 3], result.stderr).toContain(result.code);
      verifies++;
    }
    const harvested = await harvest.done;
    expect(harvested.code, harvested.stderr).toBe(0);
    expect(verifies).toBeGreaterThan(1);

    const listing = await run("tar", ["-tzf", dest]);
    expect(listing.stderr).toBe("");
    expect(listing.code).toBe(0);
    const out = join(tmp, "busy-x");
    await mkdir(out);
    execFileSync("tar", ["-xzf", dest, "-C", out]);
    const rows = await expectMatchesTruth(readFromFolder(out), await fetchTruth(emulator.url));
    expect(new Set(rows.map((row) => row.breed))).toEqual(new Set(["Bengal", "Siamese"]));
    const listed = await metadataOfArchive(dest, "busy");
    expect(listed.sort()).toEqual(rows.map((row) => row.file_name).sort());
    const python = execFileSync("python3", ["-W", "error", "-c", PYTHON_READ_ALL, dest], { encoding: "utf8" });
    expect(Number(python)).toBeGreaterThan(rows.length);
    expect((await cli(["verify", dest])).code).toBe(0);
  });
});

/** Reads every member of the archive whole with Python's tarfile; prints how many. */
const PYTHON_READ_ALL = `
import sys, tarfile, warnings
warnings.simplefilter("error")
count = 0
with tarfile.open(sys.argv[1], "r:gz") as archive:
    for member in archive:
        if member.isfile():
            archive.extractfile(member).read()
            count += 1
print(count)
`;
