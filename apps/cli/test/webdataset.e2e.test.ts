// End-to-end: `cat-harvest download --format webdataset` (dist/cli.js under Node) against the
// emulator: shards that python3's tarfile and a WebDataset-style reader read, GNU tar lists,
// `verify` checks; a kill -9 mid-shard then a re-run ends byte-identical to a fresh run; a
// finished run re-run downloads nothing; a changed shard size is refused; into S3 (s3rver) too.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { CLI, fetchTruth, filesUnder, jsonLines, run, sha256, start } from "./run-process.js";
import { useS3rver, withDestination } from "./s3rver-dest.js";

vi.setConfig({ testTimeout: 180_000 });

const NODE = process.execPath;
const READER = join(import.meta.dirname, "..", "..", "..", "packages", "harvest", "test", "helpers", "read-webdataset.py");
const ROWS = 30;
const SHARD = 8;
let tmp: string;
let emulator: Emulator;
let truth: Map<string, { sha256: string; bytes: number }>;
let list: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-webdataset-"));
  // Some latency, so a shard takes long enough for a kill to land inside one.
  emulator = await startEmulator({ seed: 11, scale: 0.05, port: 0, latencyMs: 60 });
  truth = await fetchTruth(emulator.url);
  const urls = [...truth.keys()].filter((u) => !u.includes("width=")).slice(0, ROWS);
  if (urls.length !== ROWS) throw new Error(`the emulator serves ${urls.length} photos, not ${ROWS}`);
  list = join(tmp, "list.csv");
  await writeFile(list, ["url,label", ...urls.map((u, i) => `${u},${["tabby", "siamese", "manx"][i % 3]}`)].join("\n"));
});
afterAll(async () => {
  await emulator?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) => run(NODE, [CLI, ...args], { env, cwd: tmp });
const download = (out: string, extra: string[] = [], env: Record<string, string> = {}) =>
  cli(["download", "--input", list, "--out", out, "--format", "webdataset", "--shard-size", String(SHARD), "--concurrency", "2", ...extra], env);
let freshRun: Promise<Awaited<ReturnType<typeof run>>> | undefined;
/** The fresh run into `fresh` the other tests compare with, made once. */
const fresh = () => (freshRun ??= download(join(tmp, "fresh")));
const shardNames = ["00000", "00001", "00002", "00003"];
const photoRequests = () => emulator.stats().requests;

/** Starts a download into `dest` and sends `signal` once shard 0 is finished (shard 1 or 2 is then under way). */
async function stopOnceShardZeroIsDone(dest: string, signal: NodeJS.Signals, format: "files" | "webdataset" = "webdataset") {
  const child = start(NODE, [CLI, "download", "--input", list, "--out", dest, "--format", format, "--shard-size", String(SHARD), "--concurrency", "2"], {
    cwd: tmp,
  });
  const stats = format === "webdataset" ? "00000_stats.json" : "_shards/00000_stats.json";
  while (!existsSync(join(dest, stats))) await new Promise((r) => setTimeout(r, 10));
  child.child.kill(signal);
  return child.done;
}

type Sample = { exts: string[]; json: { url: string; label: string; sha256: string }; cls: number; sha256: string };
const readSamples = (tars: string[]): Record<string, Sample> => JSON.parse(execFileSync("python3", [READER, ...tars], { encoding: "utf8" }));

/** Every file of a webdataset folder but the stats and summary (their seconds differ), with the sha256 of its bytes. */
async function outputs(dest: string): Promise<Map<string, string>> {
  // Timings (stats, summary) and the report and card (they name the run's --out and date) differ by run.
  const timed = new Set(["_summary.json", "report.html", "README.md"]);
  const files = (await filesUnder(dest)).filter((f) => !f.endsWith("_stats.json") && !timed.has(f));
  return new Map(await Promise.all(files.map(async (f) => [f, sha256(await readFile(join(dest, f)))] as const)));
}

function expectSamplesMatchTruth(samples: Record<string, Sample>) {
  expect(Object.keys(samples)).toHaveLength(ROWS);
  for (const [key, sample] of Object.entries(samples)) {
    expect(key).toMatch(/^\d{6}$/);
    expect(sample.exts.sort()).toEqual(["cls", "jpg", "json"]);
    expect(sample.sha256).toBe(truth.get(sample.json.url)!.sha256);
    expect(sample.json.sha256).toBe(sample.sha256);
    expect(["manx", "siamese", "tabby"][sample.cls]).toBe(sample.json.label);
  }
}

describe("cat-harvest download --format webdataset into a folder", () => {
  test("writes shards that tarfile, a key-grouping reader and GNU tar read, which verify checks", async () => {
    const dest = join(tmp, "fresh");
    const result = await fresh();
    expect(result.code, result.stderr).toBe(0);
    expect(await filesUnder(dest)).toEqual(
      [
        ...shardNames.flatMap((s) => [`${s}.jsonl`, `${s}.tar`, `${s}_stats.json`]),
        "_duplicates.jsonl",
        "_plan.json",
        "_summary.json",
        "classes.txt",
        "README.md",
        "report.html",
      ].sort(),
    );
    expectSamplesMatchTruth(readSamples(shardNames.map((s) => join(dest, `${s}.tar`))));
    const listing = execFileSync("tar", ["-tf", join(dest, "00000.tar")], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean);
    expect(listing).toHaveLength(SHARD * 3);
    expect(JSON.parse(await readFile(join(dest, "00003_stats.json"), "utf8"))).toMatchObject({ rows: ROWS - 3 * SHARD, stored: ROWS - 3 * SHARD, failed: 0 });
    const verified = await cli(["verify", dest, "--json"]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ checked: ROWS, ok: ROWS, missing: [], corrupted: [] });
  });

  test("a re-run of a finished run downloads nothing and changes nothing", async () => {
    const dest = join(tmp, "fresh");
    await fresh();
    const before = await outputs(dest);
    const requests = photoRequests();
    const result = await download(dest);
    expect(result.code, result.stderr).toBe(0);
    expect(photoRequests() - requests).toBe(0);
    expect(await outputs(dest)).toEqual(before);
  });

  test("a kill -9 during a shard, then a re-run, ends byte-identical to a fresh run with no temporary file", async () => {
    const dest = join(tmp, "killed");
    await fresh();
    expect((await stopOnceShardZeroIsDone(dest, "SIGKILL")).signal).toBe("SIGKILL");
    // The kill landed mid-run: the last shard is not finished, and its tar not there.
    expect(existsSync(join(dest, "00003_stats.json"))).toBe(false);
    expect(existsSync(join(dest, "00003.tar"))).toBe(false);
    const result = await download(dest);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("Took over the lock");
    expect(await outputs(dest)).toEqual(await outputs(join(tmp, "fresh")));
    expect((await filesUnder(dest)).filter((f) => f.endsWith(".part") || f.startsWith("_spool/") || f === "cat-harvest.lock")).toEqual([]);
  });

  test("Ctrl-C stops between rows: exit 130, finished shards kept, no spool or lock left, and the re-run completes the same shards", async () => {
    const dest = join(tmp, "interrupted");
    await fresh();
    const stopped = await stopOnceShardZeroIsDone(dest, "SIGINT");
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stdout).toContain("finished shards are kept");
    expect((await filesUnder(dest)).filter((f) => f.startsWith("_spool/") || f.endsWith(".part") || f === "cat-harvest.lock")).toEqual([]);
    expect(existsSync(join(dest, "00003_stats.json"))).toBe(false);
    const result = await download(dest);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain("Took over the lock");
    expect(await outputs(dest)).toEqual(await outputs(join(tmp, "fresh")));
  });

  test("a re-run with another --shard-size is refused, naming it and the fix, and changes nothing", async () => {
    const dest = join(tmp, "fresh");
    await fresh();
    const before = await outputs(dest);
    const result = await cli(["download", "--input", list, "--out", dest, "--format", "webdataset", "--shard-size", "5"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--shard-size 8, this run has --shard-size 5");
    expect(result.stderr).toContain("give a new --out");
    expect(await outputs(dest)).toEqual(before);
  });

  test("--format webdataset into a .tar archive is refused", async () => {
    const result = await cli(["download", "--input", list, "--out", join(tmp, "cats.tar"), "--format", "webdataset"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("folder or an s3:// prefix");
  });
});

describe("cat-harvest download --format webdataset into S3 (s3rver)", () => {
  const s3 = useS3rver(() => tmp);

  test("stores the same shards under the prefix, which verify checks", async () => {
    await fresh();
    const result = await download("s3://cats/wds", [], s3.env());
    expect(result.code, result.stderr).toBe(0);
    const folder = join(tmp, "from-s3");
    const expected = await outputs(join(tmp, "fresh"));
    await withDestination("s3://cats/wds", s3.env(), async (read) => {
      for (const [name, hash] of expected) expect(sha256((await read(name))!), name).toBe(hash);
      for (const s of shardNames) await writeFile(`${folder}-${s}.tar`, (await read(`${s}.tar`))!);
    });
    expectSamplesMatchTruth(readSamples(shardNames.map((s) => `${folder}-${s}.tar`)));
    const verified = await cli(["verify", "s3://cats/wds", "--json"], s3.env());
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    const requests = photoRequests();
    expect((await download("s3://cats/wds", [], s3.env())).code).toBe(0);
    expect(photoRequests() - requests).toBe(0);
  });
});

describe("cat-harvest download --format files, shard by shard", () => {
  test("writes today's layout, with metadata.jsonl compacted from the shards' parts", async () => {
    const dest = join(tmp, "files");
    const result = await cli(["download", "--input", list, "--out", dest, "--shard-size", String(SHARD)]);
    expect(result.code, result.stderr).toBe(0);
    const rows = jsonLines<{ file_name: string; sha256: string; source_url: string }>(await readFile(join(dest, "metadata.jsonl"), "utf8"));
    expect(rows).toHaveLength(ROWS);
    for (const row of rows) expect(row.sha256).toBe(truth.get(row.source_url)!.sha256);
    expect(await readFile(join(dest, "breeds.csv"), "utf8")).toContain("tabby,tabby,10");
    const verified = await cli(["verify", dest, "--json"]);
    expect(JSON.parse(verified.stdout)).toMatchObject({ checked: ROWS, ok: ROWS, unlisted: [] });
  });

  test("a kill -9 during a shard, then a re-run, ends with the same files as an uninterrupted run", async () => {
    const dest = join(tmp, "files-killed");
    expect((await stopOnceShardZeroIsDone(dest, "SIGKILL", "files")).signal).toBe("SIGKILL");
    expect(existsSync(join(dest, "metadata.jsonl"))).toBe(false);
    const result = await cli(["download", "--input", list, "--out", dest, "--shard-size", String(SHARD)]);
    expect(result.code, result.stderr).toBe(0);
    const whole = await cli(["download", "--input", list, "--out", join(tmp, "files-whole"), "--shard-size", String(SHARD)]);
    expect(whole.code, whole.stderr).toBe(0);
    expect(await outputs(dest)).toEqual(await outputs(join(tmp, "files-whole")));
    expect((await filesUnder(dest)).filter((f) => f.endsWith(".part") || f === "cat-harvest.lock")).toEqual([]);
  });
});
