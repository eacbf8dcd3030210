import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseBreedCountsCsv } from "@cat-harvest/photos";
import { createTarStorage } from "@cat-harvest/storage-tar";
import { collectBody, type StorageAdapter } from "@cat-harvest/storage";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CommandIO } from "../src/command-io.js";
import { EXIT_FAILURE, EXIT_OK } from "../src/exit-codes.js";
import { openDestination } from "../src/open-destination.js";
import { runCommand } from "../src/run-command.js";
import { openReportInBrowser } from "./open-report-in-browser.js";

const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), "../test-results");
const DEMO = ["--demo", "--scale", "0.005", "--breeds", "Siamese,Bengal,Maine Coon,Tabby", "--concurrency", "16"];

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIO = { env, signal: new AbortController().signal, stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l), version: "9.9.9" };
  const code = await runCommand(argv, io);
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

/** Every file under `root` with its sha256, but the report and the card. */
async function folderSnapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const key = relative(root, join(entry.parentPath, entry.name));
    if (key === "report.html" || key === "README.md") continue;
    files.set(
      key,
      createHash("sha256")
        .update(await readFile(join(root, key)))
        .digest("hex"),
    );
  }
  return files;
}

async function storageSnapshot(storage: StorageAdapter): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const { key } of storage.list()) {
    if (key === "report.html" || key === "README.md") continue;
    files.set(
      key,
      createHash("sha256")
        .update(await collectBody((await storage.get(key))!))
        .digest("hex"),
    );
  }
  return files;
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-report-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("report.html in a real browser", () => {
  test("a folder DEST: every thumbnail loads, nothing is fetched but file://, the counts are breeds.csv's, and each links to its full file", async () => {
    const dest = join(tmp, "folder");
    const harvest = await run([...DEMO, "--out", dest]);
    expect(harvest.code, harvest.stderr).toBe(EXIT_OK);
    expect(harvest.stdout).toContain("Report: folder");
    const seen = await openReportInBrowser(join(dest, "report.html"), join(RESULTS, "report-folder.png"));
    expect(seen.pageErrors).toEqual([]);
    expect(seen.requests.filter((url) => !url.startsWith("file://") && !url.startsWith("data:"))).toEqual([]);
    expect(seen.externalReferences).toEqual([]);
    expect(seen.images.length).toBeGreaterThan(10);
    expect(seen.images.filter((img) => img.naturalWidth === 0)).toEqual([]);
    expect(seen.images.every((img) => img.src.startsWith("data:image/webp;base64,"))).toBe(true);
    for (const { href } of seen.images) expect(existsSync(join(dest, decodeURIComponent(href!)))).toBe(true);
    const csv = parseBreedCountsCsv(await readFile(join(dest, "breeds.csv"), "utf8"));
    expect(seen.chart.sort()).toEqual(csv.map((b) => [b.breed, b.images]).sort());
    expect(seen.jumpedTo).toBe("#breed-2");
    expect((await stat(join(RESULTS, "report-folder.png"))).size).toBeGreaterThan(10_000);
  });

  test("a .tar.gz DEST: the report inside the archive shows embedded thumbnails with no links and fetches nothing", async () => {
    const dest = join(tmp, "cats.tar.gz");
    const harvest = await run([...DEMO, "--out", dest]);
    expect(harvest.code, harvest.stderr).toBe(EXIT_OK);
    const archive = createTarStorage({ path: dest, gzip: true, readOnly: true });
    let html: Uint8Array;
    let csv: string;
    try {
      html = await collectBody((await archive.get("report.html"))!);
      csv = new TextDecoder().decode(await collectBody((await archive.get("breeds.csv"))!));
      expect(await archive.stat("README.md")).not.toBeNull();
    } finally {
      await archive.close();
    }
    const file = join(tmp, "from-archive", "report.html");
    await rm(dirname(file), { recursive: true, force: true });
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, html);
    const seen = await openReportInBrowser(file, join(RESULTS, "report-archive.png"));
    expect(seen.pageErrors).toEqual([]);
    expect(seen.requests.filter((url) => !url.startsWith("file://") && !url.startsWith("data:"))).toEqual([]);
    expect(seen.externalReferences).toEqual([]);
    expect(seen.images.length).toBeGreaterThan(10);
    expect(seen.images.filter((img) => img.naturalWidth === 0)).toEqual([]);
    expect(seen.images.every((img) => img.href === null)).toBe(true);
    expect(seen.chart.sort()).toEqual(
      parseBreedCountsCsv(csv)
        .map((b) => [b.breed, b.images])
        .sort(),
    );
  });
});

describe("report.html of an s3:// DEST (s3rver)", () => {
  let s3: S3rver | undefined;
  let env: Record<string, string> = {};
  beforeAll(async () => {
    s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: join(tmp, "s3rver"), configureBuckets: [{ name: "cats", configs: [] }] });
    const { port } = (await s3.run()) as { port: number };
    env = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` };
  });
  afterAll(async () => {
    await s3?.close();
  });

  /** Every object but the report and the card, and report.html, read through DEST's own storage. */
  async function readBack(dest: string): Promise<{ others: Map<string, string>; html: Uint8Array }> {
    const opened = await openDestination(dest, env, { readOnly: true });
    try {
      const storage = await opened.openStorage();
      return { others: await storageSnapshot(storage), html: await collectBody((await storage.get("report.html"))!) };
    } finally {
      await opened.close();
    }
  }

  test("the report inside the prefix shows every thumbnail embedded, fetches nothing, and a rebuild changes no other object", async () => {
    const dest = "s3://cats/demo";
    const harvest = await run([...DEMO, "--out", dest], env);
    expect(harvest.code, harvest.stderr).toBe(EXIT_OK);
    const first = await readBack(dest);
    const file = join(tmp, "from-s3", "report.html");
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, first.html);
    const seen = await openReportInBrowser(file, join(RESULTS, "report-s3.png"));
    expect(seen.requests.filter((url) => !url.startsWith("file://") && !url.startsWith("data:"))).toEqual([]);
    expect(seen.externalReferences).toEqual([]);
    expect(seen.images.length).toBeGreaterThan(10);
    expect(seen.images.filter((img) => img.naturalWidth === 0)).toEqual([]);
    const { code } = await run(["report", dest], env);
    expect(code).toBe(EXIT_OK);
    expect((await readBack(dest)).others).toEqual(first.others);
  });
});

describe("cat-harvest report DEST", () => {
  test("rebuilds report.html and README.md of a folder and changes nothing else", async () => {
    const dest = join(tmp, "rebuild");
    expect((await run([...DEMO, "--no-report", "--out", dest])).code).toBe(EXIT_OK);
    expect(existsSync(join(dest, "report.html"))).toBe(false);
    const before = await folderSnapshot(dest);
    const { code, stdout } = await run(["report", dest]);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain("report.html");
    expect(await folderSnapshot(dest)).toEqual(before);
    expect(await readFile(join(dest, "report.html"), "utf8")).toContain("<!doctype html>");
    expect(await readFile(join(dest, "README.md"), "utf8")).toContain("task_categories:");
    expect(existsSync(join(dest, "cat-harvest.lock"))).toBe(false);
  });

  test("rebuilds them inside an archive, every other entry as it was, and --json says what was written", async () => {
    const dest = join(tmp, "rebuild.tar");
    expect((await run([...DEMO, "--out", dest])).code).toBe(EXIT_OK);
    const read = async () => {
      const archive = createTarStorage({ path: dest, gzip: false, readOnly: true });
      try {
        return await storageSnapshot(archive);
      } finally {
        await archive.close();
      }
    };
    const before = await read();
    const { code, stdout } = await run(["report", dest, "--json", "--min-images", "5"]);
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(stdout)).toMatchObject({ report: { key: "report.html" }, card: { key: "README.md" }, exitCode: 0 });
    expect(await read()).toEqual(before);
  });

  test("the card records the command that made the data set, without secrets, and a rebuild keeps it", async () => {
    const dest = join(tmp, "made");
    expect((await run([...DEMO, "--out", dest])).code).toBe(EXIT_OK);
    const card = await readFile(join(dest, "README.md"), "utf8");
    expect(card).toContain(`cat-harvest harvest --demo --source petfinder --breeds 'Siamese,Bengal,Maine Coon,Tabby' --scale 0.005 --out ${dest}`);
    expect(card).toContain("9.9.9");
    expect((await run(["report", dest])).code).toBe(EXIT_OK);
    expect(await readFile(join(dest, "README.md"), "utf8")).toContain("cat-harvest harvest --demo");
  });

  test("a report that cannot be written is a warning naming `cat-harvest report DEST`; the run keeps its exit code", async () => {
    const dest = join(tmp, "blocked");
    // A folder where report.html should go: the put fails, the data set is whole.
    await mkdir(join(dest, "report.html"), { recursive: true });
    const { code, stderr, stdout } = await run([...DEMO, "--out", dest]);
    expect(code).toBe(EXIT_OK);
    expect(stderr).toContain("warning: report.html was not written");
    expect(stderr).toContain(`run \`cat-harvest report ${dest}\` to write it`);
    expect(stdout).not.toContain("Report:");
    expect((await readFile(join(dest, "metadata.jsonl"), "utf8")).length).toBeGreaterThan(0);
  });

  test("a DEST that holds no data set is refused, naming metadata.jsonl, and gets no report", async () => {
    const dest = join(tmp, "empty");
    await mkdir(dest);
    const { code, stderr } = await run(["report", dest]);
    expect(code).toBe(EXIT_FAILURE);
    expect(stderr).toContain("metadata.jsonl is missing");
    expect(await readdir(dest)).toEqual([]);
  });

  test("a DEST that does not exist is refused", async () => {
    const { code, stderr } = await run(["report", join(tmp, "nowhere")]);
    expect(code).toBe(EXIT_FAILURE);
    expect(stderr).toContain("does not exist");
  });
});
