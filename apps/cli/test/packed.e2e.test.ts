// The published shape: the cat-harvest tarball installed offline into an empty folder, then
// run from there under Node, Bun and Deno. The three data sets must be the same files with the
// same bytes, and nothing of the AWS SDK may come along.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { BUN, DENO, ROOT, jsonLines, run } from "./run-process.js";

vi.setConfig({ testTimeout: 180_000 });

/** A dead loopback registry: nothing here may fetch from a real one. */
const NO_REGISTRY = { npm_config_registry: "http://127.0.0.1:9/", BUN_CONFIG_REGISTRY: "http://127.0.0.1:9/" };
let tmp: string;
let app: string;
let bin: string;

/**
 * Installs tarballs into a new folder with --offline: third-party packages only from the npm
 * cache `npm ci` filled (which holds tarballs, not registry listings: a range to resolve fails).
 */
async function installOffline(folder: string, tarballPaths: string[]): Promise<string> {
  await mkdir(folder);
  await writeFile(join(folder, "package.json"), JSON.stringify({ name: "packed-test", private: true }));
  try {
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", ...tarballPaths], {
      cwd: folder,
      env: { ...process.env, ...NO_REGISTRY },
      stdio: "pipe",
    });
  } catch (error) {
    throw new Error(
      `npm install --offline failed (something is not in the npm cache, and this test must not go online): ${String((error as { stderr?: unknown }).stderr ?? error)}`,
    );
  }
  return folder;
}

/** `npm pack`s a workspace folder into `into`, returning the tarball's path. */
function pack(folder: string, into: string): string {
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", into], { cwd: join(ROOT, folder), encoding: "utf8" });
  const [{ filename, files }] = JSON.parse(out) as [{ filename: string; files: Array<{ path: string }> }];
  expect(files.map((f) => f.path).filter((p) => /aws-sdk|node_modules/.test(p))).toEqual([]);
  return join(into, filename);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-packed-"));
  const tarballs = join(tmp, "tarballs");
  await mkdir(tarballs);
  app = await installOffline(join(tmp, "app"), [pack("apps/cli", tarballs)]);
  bin = join(app, "node_modules", "cat-harvest", "bin", "cat-harvest.js");
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const RUNTIMES: Record<string, (args: string[]) => [string, string[]]> = {
  node: (args) => [process.execPath, [bin, ...args]],
  bun: (args) => [BUN, [bin, ...args]],
  deno: (args) => [DENO, ["run", "-A", "--no-lock", bin, ...args]],
};

/** file_name -> sha256 from metadata.jsonl, each checked against the bytes on disk. */
async function hashes(root: string): Promise<Record<string, string>> {
  const rows = jsonLines<{ file_name: string; sha256: string }>(await readFile(join(root, "metadata.jsonl"), "utf8"));
  const out: Record<string, string> = {};
  for (const row of rows) {
    const actual = createHash("sha256")
      .update(await readFile(join(root, row.file_name)))
      .digest("hex");
    expect(actual, row.file_name).toBe(row.sha256);
    out[row.file_name] = row.sha256;
  }
  return out;
}

describe("the cat-harvest tarball, installed offline", () => {
  test("has no dependencies to install, and no @aws-sdk or storage-s3 comes along", async () => {
    const manifest = JSON.parse(await readFile(join(app, "node_modules", "cat-harvest", "package.json"), "utf8"));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependenciesMeta["@cat-harvest/storage-s3"]).toEqual({ optional: true });
    expect(existsSync(join(app, "node_modules", "@aws-sdk"))).toBe(false);
    expect(existsSync(join(app, "node_modules", "@cat-harvest", "storage-s3"))).toBe(false);
  });

  test("@cat-harvest/command's tarball holds no AWS SDK and takes storage-s3 only as an optional peer", async () => {
    const tarball = pack("packages/command", tmp);
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
    expect(Object.keys(manifest.dependencies).filter((name) => name === "@cat-harvest/storage-s3" || name.startsWith("@aws-sdk/"))).toEqual([]);
    expect(manifest.peerDependenciesMeta["@cat-harvest/storage-s3"]).toEqual({ optional: true });
  });

  test("harvests the same files with the same bytes under Node, Bun and Deno", async () => {
    const sets: Record<string, Record<string, string>> = {};
    for (const [name, command] of Object.entries(RUNTIMES)) {
      const [exe, args] = command(["--demo", "--scale", "0.01", "--breeds", "Bengal,Siamese", "--out", `out-${name}`]);
      const result = await run(exe, args, { cwd: app, env: NO_REGISTRY });
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
      expect(result.stdout).toContain("total (2 breeds)");
      sets[name] = await hashes(join(app, `out-${name}`));
    }
    expect(Object.keys(sets.node!).length).toBeGreaterThan(10);
    expect(sets.bun).toEqual(sets.node);
    expect(sets.deno).toEqual(sets.node);
    const listing = async (name: string) => (await readdir(join(app, `out-${name}`), { recursive: true })).sort();
    expect(await listing("bun")).toEqual(await listing("node"));
    expect(await listing("deno")).toEqual(await listing("node"));
  });

  test("an s3:// DEST without @cat-harvest/storage-s3 names the package and the command to add it", async () => {
    const [exe, args] = RUNTIMES.node!(["--demo", "--breeds", "Bengal", "--out", "s3://cats/demo"]);
    const result = await run(exe, args, { cwd: app, env: NO_REGISTRY });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("@cat-harvest/storage-s3");
    expect(result.stderr).toContain("npx -p cat-harvest -p @cat-harvest/storage-s3 cat-harvest");
  });
});
