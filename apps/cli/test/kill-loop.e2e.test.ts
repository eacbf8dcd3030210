// End-to-end: the built `cat-harvest` (dist/cli.js, run by Node) killed with SIGKILL again and
// again at seeded random moments (issue 13, item 5 and "Done when"). After every kill the data
// set lists more complete files than before; one clean re-run then ends with the same files and
// sha256 as a fresh run, and no temporary file is left in DEST or beside it.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { CLI, fetchTruth, filesUnder, jsonLines, run, sha256, start, type MetadataLine } from "./run-process.js";

vi.setConfig({ testTimeout: 300_000 });

const NODE = process.execPath;
const BREEDS = "Bengal,Siamese";
const KILLS = 10;
// report.html and README.md are rebuilt (with the date) at the end of each run: not photos.
const OWN = new Set(["metadata.jsonl", "failures.jsonl", "breeds.csv", "cat-harvest-state.jsonl", "cat-harvest-records.jsonl.gz", "report.html", "README.md"]);
const env = { PETFINDER_CLIENT_ID: "demo", PETFINDER_CLIENT_SECRET: "demo" };
let tmp: string;
let emulator: Emulator;
let truthShas: Set<string>;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-kill-loop-"));
  // Some latency, so a run takes a few seconds and a kill lands mid-way.
  emulator = await startEmulator({ seed: 7, scale: 0.05, port: 0, latencyMs: 40 });
  truthShas = new Set([...(await fetchTruth(emulator.url)).values()].map((t) => t.sha256));
});
afterAll(async () => {
  await emulator?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Seeded random numbers in [0, 1) (from sha256 of the seed and a counter), so the kill moments are the same on every run of the test. */
function seeded(seed: number): () => number {
  let n = 0;
  return () => createHash("sha256").update(`${seed}:${n++}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** Files a folder data set lists (metadata.jsonl and the journal), each checked complete. */
async function listedInFolder(dest: string): Promise<number> {
  const rows = new Map<string, MetadataLine>();
  const read = (name: string) => readFile(join(dest, name), "utf8").catch(() => "");
  for (const row of jsonLines<MetadataLine>(await read("metadata.jsonl"))) rows.set(row.file_name, row);
  // A kill may cut the journal's last line short: that line lists nothing.
  for (const line of (await read("cat-harvest-state.jsonl")).split("\n")) {
    try {
      const entry = JSON.parse(line) as { row?: MetadataLine };
      if (entry.row) rows.set(entry.row.file_name, entry.row);
    } catch {}
  }
  for (const row of rows.values()) {
    const bytes = await readFile(join(dest, row.file_name));
    expect(sha256(bytes), `${row.file_name} is listed, so complete`).toBe(row.sha256);
    expect(truthShas.has(row.sha256)).toBe(true);
  }
  return rows.size;
}

/** Photos an archive holds whole (what GNU tar extracts and the emulator served); a torn last entry is not one. */
async function listedInArchive(dest: string, scratch: string): Promise<number> {
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  try {
    execFileSync("tar", ["-xzf", dest, "-C", scratch], { stdio: "ignore" });
  } catch {
    // A killed run's archive ends in a torn entry: GNU tar extracts what precedes it.
  }
  const photos = (await filesUnder(scratch)).filter((f) => !OWN.has(f));
  const torn: string[] = [];
  for (const name of photos) if (!truthShas.has(sha256(await readFile(join(scratch, name))))) torn.push(name);
  // Only the entry being written at the kill may be torn; the next run's open drops it.
  expect(torn.length, `torn entries: ${torn.join(", ")}`).toBeLessThanOrEqual(1);
  return photos.length - torn.length;
}

/** sha256 of every photo of a folder (or an extracted archive), by file name. */
async function photoHashes(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await filesUnder(root)) if (!OWN.has(name)) out[name] = sha256(await readFile(join(root, name)));
  return out;
}

async function extracted(archive: string, into: string): Promise<string> {
  await rm(into, { recursive: true, force: true });
  await mkdir(into, { recursive: true });
  execFileSync("tar", ["-xzf", archive, "-C", into]);
  return into;
}

describe("cat-harvest killed with SIGKILL at random moments, again and again", () => {
  for (const kind of ["folder", "tar.gz"] as const) {
    test(`into a ${kind}: progress grows after every kill, and one clean re-run ends as a fresh run does`, async () => {
      const work = await mkdtemp(join(tmp, `${kind}-`));
      const dest = join(work, kind === "folder" ? "cats" : "cats.tar.gz");
      const args = [CLI, "--api-url", emulator.url, "--breeds", BREEDS, "--out", dest, "--concurrency", "2"];
      const random = seeded(kind === "folder" ? 13 : 31);
      const listed = () => (kind === "folder" ? listedInFolder(dest) : listedInArchive(dest, join(tmp, `${kind}-scratch`)));
      let before = 0;
      for (let kill = 1; kill <= KILLS; kill++) {
        // Requests the killed run left in flight still end (and count) on the emulator's side.
        await new Promise((r) => setTimeout(r, 300));
        // Until the run has stored (as a re-run would see it) 1 to 6 more photos, then a random
        // moment up to 300 ms later: on a loaded machine a fixed delay could land before the run
        // stored anything, and then nothing could have grown.
        const wanted = before + 1 + Math.floor(random() * 6);
        const victim = start(NODE, args, { env, cwd: work });
        for (let i = 0; i < 300 && (await listed()) < wanted; i++) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, Math.floor(random() * 300)));
        victim.child.kill("SIGKILL");
        const killed = await victim.done;
        expect(killed.signal, `kill ${kill}: the run ended before it (${killed.stderr})`).toBe("SIGKILL");
        const now = await listed();
        expect(now, `kill ${kill}: listed files grew`).toBeGreaterThan(before);
        before = now;
      }

      const rerun = await run(NODE, args, { env, cwd: work });
      expect(rerun.code, rerun.stderr).toBe(0);
      const fresh = join(work, kind === "folder" ? "fresh" : "fresh.tar.gz");
      const clean = await run(NODE, [CLI, "--api-url", emulator.url, "--breeds", BREEDS, "--out", fresh, "--concurrency", "2"], { env, cwd: work });
      expect(clean.code, clean.stderr).toBe(0);

      const [resumed, reference] =
        kind === "folder" ? [dest, fresh] : [await extracted(dest, join(work, "x-resumed")), await extracted(fresh, join(work, "x-fresh"))];
      expect(await photoHashes(resumed)).toEqual(await photoHashes(reference));
      const rows = (root: string) =>
        readFile(join(root, "metadata.jsonl"), "utf8").then((t) => jsonLines<MetadataLine>(t).map((r) => `${r.file_name} ${r.sha256}`));
      expect(await rows(resumed)).toEqual(await rows(reference));
      expect((await rows(resumed)).length).toBeGreaterThan(before);

      // No temporary file anywhere: not in DEST, not beside it.
      const leftovers = (await filesUnder(work)).filter((f) => /\.part$|cat-harvest-probe/.test(f));
      expect(leftovers).toEqual([]);
      if (kind === "folder") expect((await readdir(work)).sort()).toEqual(["cats", "fresh"]);
      else
        expect((await readdir(work)).sort()).toEqual([
          "cats.records.jsonl.gz",
          "cats.tar.gz",
          "fresh.records.jsonl.gz",
          "fresh.tar.gz",
          "x-fresh",
          "x-resumed",
        ]);
    });
  }
});
