// End-to-end, the built `cat-harvest` (dist/cli.js, run by Node) against the emulator: what a
// data set trusts after a kill, a same-size corruption, a torn metadata.jsonl, and between two
// fresh runs of the same input (issue 13, items 3, 4, 5, 8, 14).
import { copyFile, mkdtemp, open, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { CLI, filesUnder, jsonLines, run, sha256, type MetadataLine } from "./run-process.js";

// Child processes on a shared 2-core machine: generous limits (no timing is asserted).
vi.setConfig({ testTimeout: 180_000 });

const NODE = process.execPath;
const BREEDS = "Bengal,Siamese";
let tmp: string;
let emulator: Emulator;
const env = { PETFINDER_CLIENT_ID: "demo", PETFINDER_CLIENT_SECRET: "demo" };
const cli = (args: string[], extra: Record<string, string> = {}) => run(NODE, [CLI, ...args], { env: { ...env, ...extra }, cwd: tmp });
const harvestInto = (dest: string, extra: string[] = ["--json"], more: Record<string, string> = {}) =>
  cli(["--api-url", emulator.url, "--breeds", BREEDS, "--out", dest, ...extra], more);

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-trust-"));
  emulator = await startEmulator({ seed: 7, scale: 0.015, port: 0 });
});
afterAll(async () => {
  await emulator?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Overwrites a file's first bytes in place: other bytes, the same size. */
async function corruptKeepingSize(path: string): Promise<void> {
  const handle = await open(path, "r+");
  try {
    await handle.write(new Uint8Array(16).fill(0x5a), 0, 16, 100);
  } finally {
    await handle.close();
  }
}

/** API calls the emulator answered (token and photos left out). */
async function apiCalls(emulator: Emulator): Promise<number> {
  const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as { routes: Record<string, Record<string, number>> };
  let calls = 0;
  for (const [route, byStatus] of Object.entries(stats.routes)) if (route.startsWith("GET /v2/")) calls += Object.values(byStatus).reduce((a, b) => a + b, 0);
  return calls;
}

describe("a same-size corruption that verify reports is repaired by the next run (item 3)", () => {
  test("into a folder", async () => {
    const dest = join(tmp, "same-size");
    expect((await harvestInto(dest)).code).toBe(0);
    const rows = jsonLines<MetadataLine>(await readFile(join(dest, "metadata.jsonl"), "utf8"));
    const victim = rows[3]!.file_name;
    await corruptKeepingSize(join(dest, victim));
    const verify = await cli(["verify", dest]);
    expect(verify.code).toBe(3);
    expect(verify.stdout).toContain(`corrupted: ${victim}`);

    const repair = await harvestInto(dest);
    expect(repair.code, repair.stderr).toBe(0);
    expect(JSON.parse(repair.stdout)).toMatchObject({ status: "complete", stored: 1, files: rows.length, resume: { damaged: 1 } });
    expect(sha256(await readFile(join(dest, victim)))).toBe(rows[3]!.sha256);
    expect((await cli(["verify", dest])).code).toBe(0);
  });

  test("into S3 (s3rver)", async () => {
    const s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: join(tmp, "s3rver"), configureBuckets: [{ name: "cats", configs: [] }] });
    const { port } = (await s3.run()) as { port: number };
    const s3Env = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` };
    try {
      const dest = "s3://cats/same-size";
      expect((await harvestInto(dest, ["--json"], s3Env)).code).toBe(0);
      const { S3Client, GetObjectCommand, PutObjectCommand, ListObjectsV2Command } = await import("@aws-sdk/client-s3");
      const client = new S3Client({
        region: "us-east-1",
        endpoint: s3Env.AWS_ENDPOINT_URL,
        forcePathStyle: true,
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      });
      const text = await (await client.send(new GetObjectCommand({ Bucket: "cats", Key: "same-size/metadata.jsonl" }))).Body!.transformToString();
      const rows = jsonLines<MetadataLine>(text);
      const victim = rows[2]!;
      const listed = await client.send(new ListObjectsV2Command({ Bucket: "cats", Prefix: "same-size/" }));
      // The records cache and the state file are inside the prefix, at top-level keys.
      expect(listed.Contents?.map((o) => o.Key)).toEqual(
        expect.arrayContaining(["same-size/cat-harvest-records.jsonl.gz", "same-size/cat-harvest-state.jsonl"]),
      );
      const bytes = new Uint8Array(
        await (await client.send(new GetObjectCommand({ Bucket: "cats", Key: `same-size/${victim.file_name}` }))).Body!.transformToByteArray(),
      );
      bytes.fill(0x5a, 100, 116);
      await client.send(new PutObjectCommand({ Bucket: "cats", Key: `same-size/${victim.file_name}`, Body: bytes }));
      client.destroy();

      const verify = await cli(["verify", dest], s3Env);
      expect(verify.code).toBe(3);
      expect(verify.stdout).toContain(`corrupted: ${victim.file_name}`);
      const repair = await harvestInto(dest, ["--json"], s3Env);
      expect(repair.code, repair.stderr).toBe(0);
      expect(JSON.parse(repair.stdout)).toMatchObject({ status: "complete", stored: 1, files: rows.length });
      expect((await cli(["verify", dest], s3Env)).code).toBe(0);
    } finally {
      await s3.close();
    }
  });
});

describe("a torn metadata.jsonl is recovered, not refused (item 4)", () => {
  test.each([
    ["cut mid-line", (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ["with a garbage line in the middle", (text: string) => text.replace("\n", "\n\u0000\u0000{garbage\n")],
  ])("%s", async (name, tear) => {
    const dest = join(tmp, `torn-${name.replaceAll(" ", "-")}`);
    expect((await harvestInto(dest)).code).toBe(0);
    const text = await readFile(join(dest, "metadata.jsonl"), "utf8");
    const rows = jsonLines<MetadataLine>(text);
    await writeFile(join(dest, "metadata.jsonl"), tear(text));
    // The state file holds no rows after a finished run: only metadata.jsonl lists the files.
    const verify = await cli(["verify", dest]);
    expect(verify.code).toBe(3);
    expect(verify.stdout).toMatch(/unreadable: metadata\.jsonl line \d+/);

    const rerun = await harvestInto(dest, []);
    expect(rerun.code, rerun.stderr).toBe(0);
    // Nothing downloaded again: the files the lost lines listed are re-hashed and kept.
    expect(rerun.stdout + rerun.stderr).toMatch(/Recovered the data set's metadata: kept every whole line, skipped 1 unreadable/);
    expect(rerun.stdout).toMatch(new RegExp(`This run: \\d+ records, 0 stored \\(0 B\\), ${rows.length} already there`));
    expect((await cli(["verify", dest])).code).toBe(0);
    expect(jsonLines<MetadataLine>(await readFile(join(dest, "metadata.jsonl"), "utf8"))).toEqual(rows);
  });
});

describe("everything a run writes lives inside DEST (item 8)", () => {
  test("the records cache is a top-level file of a folder DEST; a cache beside it (earlier versions) is read once, then left alone", async () => {
    const parent = await mkdtemp(join(tmp, "inside-"));
    const first = join(parent, "first");
    expect((await harvestInto(first)).code).toBe(0);
    expect(await readdir(parent)).toEqual(["first"]);
    expect(await filesUnder(first)).toContain("cat-harvest-records.jsonl.gz");

    // An earlier version's cache beside a new DEST: the run takes its records from it.
    const second = join(parent, "second");
    await copyFile(join(first, "cat-harvest-records.jsonl.gz"), join(parent, "second.records.jsonl.gz"));
    const before = await apiCalls(emulator);
    const migrated = await harvestInto(second, []);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout + migrated.stderr).toContain("no API calls needed");
    // Only the token and the breed list may have been asked; no page of animals.
    expect((await apiCalls(emulator)) - before).toBeLessThanOrEqual(2);
    expect(await filesUnder(second)).toContain("cat-harvest-records.jsonl.gz");
    expect((await readdir(parent)).sort()).toEqual(["first", "second", "second.records.jsonl.gz"]);
  });
});

describe("the same input gives the same data set, file for file (item 14)", () => {
  test("5 fresh runs at concurrency 64 keep the same files and write the same metadata", async () => {
    const dupes = await startEmulator({ seed: 7, scale: 0.02, port: 0 });
    try {
      const sets: string[] = [];
      for (let i = 0; i < 5; i++) {
        const dest = join(tmp, `same-${i}`);
        const result = await cli(["--api-url", dupes.url, "--breeds", "Domestic Short Hair,Bengal", "--out", dest, "--json", "--concurrency", "64"]);
        expect(result.code, result.stderr).toBe(0);
        const failures = await readFile(join(dest, "failures.jsonl"), "utf8");
        // The data has byte-identical photos, so there is something to decide.
        expect(failures).toContain('"reason":"duplicate"');
        const files = (await filesUnder(dest)).filter((f) => f.endsWith(".jpg")).join("\n");
        sets.push([files, await readFile(join(dest, "metadata.jsonl"), "utf8"), failures].join("\n--\n"));
      }
      for (const set of sets) expect(set).toBe(sets[0]);
    } finally {
      await dupes.stop();
    }
  });
});
