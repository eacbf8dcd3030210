// The three sources merged into one data set by the built command, each from its bundled
// emulator (--demo --source), into a folder, a .tar.gz and S3 (s3rver).
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CLI, run } from "./run-process.js";
import { useS3rver, withDestination, type ReadKey } from "./s3rver-dest.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-sources-e2e-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const ARGS = ["--demo", "--source", "petfinder,rescuegroups,thecatapi", "--breeds", "Siamese,Bengal", "--scale", "0.01", "--concurrency", "8", "--json"];

/** The merged data set as read back through DEST: one folder per breed whatever the source, each content once per folder, SOURCES.md naming the three. */
async function expectMerged(read: ReadKey): Promise<string> {
  const metadata = new TextDecoder().decode(await read("metadata.jsonl"));
  const rows = metadata
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { file_name: string; source: string; source_id: unknown; sha256: string });
  expect(new Set(rows.map((r) => r.source))).toEqual(new Set(["petfinder", "rescuegroups", "thecatapi"]));
  expect(new Set(rows.map((r) => r.file_name.split("/")[0]))).toEqual(new Set(["Siamese", "Bengal"]));
  const perFolder = new Set(rows.map((r) => `${r.file_name.split("/")[0]} ${r.sha256}`));
  expect(perFolder.size).toBe(rows.length);
  for (const row of rows.slice(0, 40)) {
    const bytes = await read(row.file_name);
    expect(createHash("sha256").update(bytes!).digest("hex")).toBe(row.sha256);
  }
  const sources = new TextDecoder().decode(await read("SOURCES.md"));
  for (const title of ["Petfinder", "RescueGroups.org", "The Cat API"]) expect(sources).toContain(`## ${title} (`);
  return metadata;
}

describe("--demo --source petfinder,rescuegroups,thecatapi: one merged data set", () => {
  const s3 = useS3rver(() => tmp);

  test.each([
    ["a folder", "merged"],
    ["a .tar.gz", "merged.tar.gz"],
    ["S3 (s3rver)", "s3://cats/merged"],
  ])("into %s, and a re-run stores nothing and lists the same files", async (_kind, name) => {
    const dest = name.startsWith("s3://") ? name : join(tmp, name);
    const env = name.startsWith("s3://") ? s3.env() : {};
    const first = await run("node", [CLI, ...ARGS, "--out", dest], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("The Cat API emulator");
    expect(first.stderr).toContain("RescueGroups.org emulator");
    const metadata = await withDestination(dest, env, expectMerged);
    const again = await run("node", [CLI, ...ARGS, "--out", dest], { env });
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { stored: number }).stored).toBe(0);
    expect(await withDestination(dest, env, expectMerged)).toBe(metadata);
    const verify = await run("node", [CLI, "verify", dest], { env });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});
