// The report of a `download` DEST: webdataset tar shards (a folder and an s3:// prefix), the files
// layout made from shards, an interrupted run (no report), and a no-op re-run into an archive.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { parseBreedCountsCsv } from "@cat-harvest/photos";
import { collectBody } from "@cat-harvest/storage";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CommandIO } from "../src/command-io.js";
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL } from "../src/exit-codes.js";
import { openDestination } from "../src/open-destination.js";
import { runCommand } from "../src/run-command.js";
import { openReportInBrowser, type ReportInBrowser } from "./open-report-in-browser.js";

const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), "../test-results");
const BREEDS = ["Bengal", "Siamese", "Tabby"];

async function run(argv: string[], env: Record<string, string> = {}, signal = new AbortController().signal) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIO = { env, signal, stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l), version: "9.9.9" };
  const code = await runCommand(argv, io);
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const jsonLines = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Photos per label as the shards' rows say: stored rows, less the later copies `_duplicates.jsonl` lists. */
function shardCounts(shardRows: string[], duplicates: string): Array<[string, number]> {
  const copies = new Set(jsonLines(duplicates).map((d) => d.key));
  const counts = new Map<string, number>();
  for (const text of shardRows) {
    for (const row of jsonLines(text))
      if (row.status === "stored" && !copies.has(row.key)) counts.set(row.label as string, (counts.get(row.label as string) ?? 0) + 1);
  }
  return [...counts].sort();
}

function expectAllLoaded(seen: ReportInBrowser): void {
  expect(seen.pageErrors).toEqual([]);
  expect(seen.requests.filter((url) => !url.startsWith("file://") && !url.startsWith("data:"))).toEqual([]);
  expect(seen.externalReferences).toEqual([]);
  expect(seen.images.length).toBeGreaterThan(10);
  expect(seen.images.filter((img) => img.naturalWidth === 0)).toEqual([]);
  expect(seen.images.every((img) => img.src.startsWith("data:image/") && img.href === null)).toBe(true);
}

let tmp: string;
let emulator: Emulator;
let list: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-report-shards-"));
  emulator = await startEmulator({ seed: 1, scale: 0.01 });
  const truth = jsonLines(await (await fetch(`${emulator.url}/_emulator/truth?size=medium`)).text()).slice(0, 45);
  const rows = truth.map((t, i) => `${t.url as string},${BREEDS[i % BREEDS.length]}`);
  // A photo that is not there: a failure of its own reason.
  rows.splice(7, 0, `${emulator.url}/no-such-photo.jpg,Tabby`);
  list = join(tmp, "urls.csv");
  await writeFile(list, ["url,label", ...rows, ""].join("\n"));
});
afterAll(async () => {
  await emulator?.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe("report.html of a webdataset DEST", () => {
  test("a folder of tar shards: every thumbnail comes out of the tars, nothing is fetched, the counts are the shards'", async () => {
    const dest = join(tmp, "shards");
    const download = await run(["download", "--input", list, "--out", dest, "--format", "webdataset", "--shard-size", "10"]);
    expect([EXIT_OK, EXIT_PARTIAL], download.stderr).toContain(download.code);
    expect(download.stdout).toContain("Report: ");
    const names = (await readdir(dest)).sort();
    expect(names.filter((n) => n.endsWith(".tar"))).toEqual(["00000.tar", "00001.tar", "00002.tar", "00003.tar", "00004.tar"]);
    const rows = await Promise.all(names.filter((n) => /^\d+\.jsonl$/.test(n)).map((n) => readFile(join(dest, n), "utf8")));
    const counts = shardCounts(rows, await readFile(join(dest, "_duplicates.jsonl"), "utf8"));
    expect(counts.map(([breed]) => breed)).toEqual(BREEDS);

    const seen = await openReportInBrowser(join(dest, "report.html"), join(RESULTS, "report-webdataset.png"));
    expectAllLoaded(seen);
    expect(seen.chart.sort()).toEqual(counts);
    const html = await readFile(join(dest, "report.html"), "utf8");
    expect(html).toContain("http-404");
    expect(html).toContain("00000.tar:");

    const card = await readFile(join(dest, "README.md"), "utf8");
    expect(card).toContain('          - "*.tar"');
    expect(card).not.toContain("metadata.jsonl");
    expect(card).toContain('load_dataset("webdataset"');
    // The report and the card sit beside the shards: verify checks the tars and takes neither for a member.
    const verify = await run(["verify", dest, "--json"]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(EXIT_OK);
    expect(verify.stdout).not.toMatch(/report\.html|README\.md/);
  });

  test("an s3:// prefix of tar shards (s3rver): the report inside it shows every thumbnail embedded", async () => {
    const s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: join(tmp, "s3rver"), configureBuckets: [{ name: "cats", configs: [] }] });
    const { port } = (await s3.run()) as { port: number };
    try {
      const env = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` };
      const dest = "s3://cats/shards";
      const download = await run(["download", "--input", list, "--out", dest, "--format", "webdataset", "--shard-size", "20", "--no-report"], env);
      expect([EXIT_OK, EXIT_PARTIAL], download.stderr).toContain(download.code);
      expect((await run(["report", dest], env)).code).toBe(EXIT_OK);
      const opened = await openDestination(dest, env, { readOnly: true });
      let html: Uint8Array;
      let rows: string[];
      let duplicates: string;
      try {
        const storage = await opened.openStorage();
        const text = async (key: string) => new TextDecoder().decode(await collectBody((await storage.get(key))!));
        html = await collectBody((await storage.get("report.html"))!);
        rows = await Promise.all(["00000.jsonl", "00001.jsonl", "00002.jsonl"].map(text));
        duplicates = await text("_duplicates.jsonl");
      } finally {
        await opened.close();
      }
      const file = join(tmp, "from-s3-shards", "report.html");
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, html);
      const seen = await openReportInBrowser(file, join(RESULTS, "report-webdataset-s3.png"));
      expectAllLoaded(seen);
      expect(seen.chart.sort()).toEqual(shardCounts(rows, duplicates));
    } finally {
      await s3.close();
    }
  });
});

describe("report.html of a files DEST made from shards", () => {
  test("the counts are breeds.csv's, every thumbnail links to its file, and a re-run and verify take neither report.html nor README.md for a photo", async () => {
    const dest = join(tmp, "files");
    const args = ["download", "--input", list, "--out", dest, "--format", "files", "--shard-size", "10"];
    const first = await run(args);
    expect([EXIT_OK, EXIT_PARTIAL], first.stderr).toContain(first.code);
    const seen = await openReportInBrowser(join(dest, "report.html"), join(RESULTS, "report-files-shards.png"));
    expect(seen.requests.filter((url) => !url.startsWith("file://") && !url.startsWith("data:"))).toEqual([]);
    expect(seen.images.length).toBeGreaterThan(10);
    expect(seen.images.filter((img) => img.naturalWidth === 0)).toEqual([]);
    for (const { href } of seen.images) expect(existsSync(join(dest, decodeURIComponent(href!)))).toBe(true);
    const csv = parseBreedCountsCsv(await readFile(join(dest, "breeds.csv"), "utf8"));
    expect(seen.chart.sort()).toEqual(csv.map((b) => [b.breed, b.images]).sort());

    const metadata = await readFile(join(dest, "metadata.jsonl"), "utf8");
    const again = await run([...args, "--json"]);
    expect([EXIT_OK, EXIT_PARTIAL], again.stderr).toContain(again.code);
    expect(await readFile(join(dest, "metadata.jsonl"), "utf8")).toBe(metadata);
    expect(metadata).not.toMatch(/report\.html|README\.md/);
    const verify = await run(["verify", dest, "--json"]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(EXIT_OK);
    expect(verify.stdout).not.toMatch(/report\.html|README\.md/);
  });
});

describe("the report after a run does not walk DEST", () => {
  test("a download's report leaves a temporary-looking file it never saw, which `report DEST` (sweeping) removes", async () => {
    const dest = join(tmp, "no-walk");
    const first = await run(["download", "--input", list, "--out", dest, "--shard-size", "10", "--no-report"]);
    expect([EXIT_OK, EXIT_PARTIAL], first.stderr).toContain(first.code);
    // What a killed writer leaves: the run's report must not list every folder to find it (a
    // million-photo folder made that walk the run's peak memory).
    const leftover = join(dest, "Bengal", ".0001.jpg.0123456789ab.part");
    await writeFile(leftover, "partial");
    const again = await run(["download", "--input", list, "--out", dest, "--shard-size", "10"]);
    expect([EXIT_OK, EXIT_PARTIAL], again.stderr).toContain(again.code);
    expect(existsSync(join(dest, "report.html"))).toBe(true);
    expect(existsSync(leftover)).toBe(true);
    const report = await run(["report", dest]);
    expect(report.code, report.stderr).toBe(EXIT_OK);
    expect(existsSync(leftover)).toBe(false);
  });
});

describe("an interrupted run writes no report", () => {
  test("a harvest stopped (Ctrl-C) once photos are stored exits 130 with its metadata.jsonl but neither report.html nor README.md", async () => {
    const slow = await startEmulator({ seed: 1, scale: 0.02, latencyMs: 150, clientId: "id", clientSecret: "secret" });
    try {
      const dest = join(tmp, "interrupted");
      const stop = new AbortController();
      const env = { PETFINDER_CLIENT_ID: "id", PETFINDER_CLIENT_SECRET: "secret" };
      const running = run(["harvest", "--api-url", slow.url, "--breeds", "Siamese,Bengal,Tabby", "--concurrency", "1", "--out", dest], env, stop.signal);
      // Stopped as soon as a photo is stored: the run is then midway, and closing it writes metadata.jsonl.
      const photoStored = async () => (await readdir(dest, { recursive: true }).catch(() => [] as string[])).some((f) => /\.(jpe?g|png|webp|gif)$/.test(f));
      while (!(await photoStored())) await new Promise((r) => setTimeout(r, 50));
      stop.abort();
      const { code, stderr } = await running;
      expect(code, stderr).toBe(EXIT_INTERRUPTED);
      expect(existsSync(join(dest, "metadata.jsonl"))).toBe(true);
      expect(existsSync(join(dest, "report.html"))).toBe(false);
      expect(existsSync(join(dest, "README.md"))).toBe(false);
      // Not tried either: an attempt would end in a warning naming report.html.
      expect(stderr).not.toContain("report.html");
    } finally {
      await slow.stop();
    }
  });
});

describe("a no-op re-run into an archive", () => {
  test("leaves the archive byte for byte: `report DEST` and a download that adds nothing write no new copy", async () => {
    const dest = join(tmp, "cats.tar");
    const args = ["download", "--input", list, "--out", dest];
    const first = await run(args);
    expect([EXIT_OK, EXIT_PARTIAL], first.stderr).toContain(first.code);
    const before = sha256(await readFile(dest));
    const report = await run(["report", dest]);
    expect(report.code, report.stderr).toBe(EXIT_OK);
    expect(report.stdout).toContain("report.html unchanged");
    expect(sha256(await readFile(dest))).toBe(before);
    const again = await run(args);
    expect([EXIT_OK, EXIT_PARTIAL], again.stderr).toContain(again.code);
    expect(sha256(await readFile(dest))).toBe(before);
    // A different report (another minimum) is written: the skip is only for an unchanged one.
    expect((await run(["report", dest, "--min-images", "3"])).code).toBe(EXIT_OK);
    expect(sha256(await readFile(dest))).not.toBe(before);
  });
});
