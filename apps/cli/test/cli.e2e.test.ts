// End-to-end: the built `cat-harvest` (dist/cli.js, run by Bun as a child process) against
// the emulator over HTTP, into a folder, a .tar.gz (read back with GNU tar) and s3:// on
// s3rver; every stored file is checked byte for byte against the emulator's truth.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { verifyDataset } from "@cat-harvest/harvest";
import { parquetWriteBuffer } from "hyparquet-writer";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

// Child processes on a shared 2-core machine: generous limits (no timing is asserted).
vi.setConfig({ testTimeout: 120_000 });
import { BUN, CLI, ROOT, expectGnuTarMatchesTruth, expectMatchesTruth, fetchTruth, filesUnder, jsonLines, readFromFolder, run, start } from "./run-process.js";
import { useS3rver, withDestination } from "./s3rver-dest.js";

const BREEDS = "Bengal,Siamese";
/** The files a folder DEST holds besides its photos (the report and its card are written at the end of each run). */
const OWN_FILES = [
  "README.md",
  "SOURCES.md",
  "breeds.csv",
  "cat-harvest-records.jsonl.gz",
  "cat-harvest-state.jsonl",
  "failures.jsonl",
  "metadata.jsonl",
  "report.html",
];
let tmp: string;
let emulator: Emulator;
let truth: Awaited<ReturnType<typeof fetchTruth>>;
const demoEnv = () => ({ PETFINDER_CLIENT_ID: "demo", PETFINDER_CLIENT_SECRET: "demo" });
const cli = (args: string[], env: Record<string, string> = {}) => run(BUN, [CLI, ...args], { env: { ...demoEnv(), ...env }, cwd: tmp });

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` in apps/cli first`);
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-e2e-"));
  emulator = await startEmulator({ seed: 7, scale: 0.015, port: 0 });
  truth = await fetchTruth(emulator.url);
});
afterAll(async () => {
  await emulator?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

let reference: Promise<Array<{ file_name: string }>> | undefined;
/** The files of one clean run of `--breeds BREEDS` (run once, on first use). */
function cleanReference(): Promise<Array<{ file_name: string }>> {
  reference ??= (async () => {
    const dest = join(tmp, "reference");
    const result = await cli(["--api-url", emulator.url, "--breeds", BREEDS, "--out", dest]);
    if (result.code !== 0) throw new Error(`the reference run failed: ${result.stderr}`);
    return jsonLines<{ file_name: string }>(await readFile(join(dest, "metadata.jsonl"), "utf8"));
  })();
  return reference;
}

describe("cat-harvest (Bun) into a folder", () => {
  test("harvests byte for byte, prints the table, re-runs without storing anything twice, and verify catches damage", async () => {
    const dest = join(tmp, "folder");
    const first = await cli(["--api-url", emulator.url, "--breeds", BREEDS, "--out", dest, "--concurrency", "8"]);
    expect(first.stderr).toContain("Writing into folder");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/breed\s+folder\s+images/);
    expect(first.stdout).toMatch(/total \(2 breeds\)/);
    const rows = await expectMatchesTruth(readFromFolder(dest), truth);
    expect(rows.length).toBeGreaterThan(20);
    expect(new Set(rows.map((r) => r.breed))).toEqual(new Set(["Bengal", "Siamese"]));
    const csv = await readFile(join(dest, "breeds.csv"), "utf8");
    expect(csv.split("\n")[0]).toBe("breed,folder,images");
    // Every file on disk is listed (and the listing was checked above); the records cache and
    // the state file are inside DEST too, nothing is beside it.
    expect(await filesUnder(dest)).toEqual([...rows.map((r) => r.file_name), ...OWN_FILES].sort());
    expect(existsSync(join(tmp, "folder.records.jsonl.gz"))).toBe(false);

    const again = await cli(["--api-url", emulator.url, "--breeds", BREEDS, "--out", dest, "--json"]);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary).toMatchObject({ status: "complete", stored: 0, existing: rows.length, files: rows.length, exitCode: 0 });

    expect((await cli(["verify", dest])).code).toBe(0);
    await writeFile(join(dest, rows[0]!.file_name), "not the photo");
    await rm(join(dest, rows[1]!.file_name));
    const verify = await cli(["verify", dest]);
    expect(verify.code).toBe(3);
    expect(verify.stdout).toContain(`corrupted: ${rows[0]!.file_name}`);
    expect(verify.stdout).toContain(`missing: ${rows[1]!.file_name}`);

    // The next harvest repairs both from the cache, with no API call.
    const repair = await cli(["--api-url", emulator.url, "--breeds", BREEDS, "--out", dest, "--json"]);
    expect(JSON.parse(repair.stdout)).toMatchObject({ status: "complete", stored: 2, files: rows.length });
    await expectMatchesTruth(readFromFolder(dest), truth);
  });
});

describe("cat-harvest (Bun) into a .tar.gz", () => {
  test("writes an archive GNU tar reads, with every photo byte for byte", async () => {
    const dest = join(tmp, "cats.tar.gz");
    const result = await cli(["--api-url", emulator.url, "--breeds", BREEDS, "--out", dest]);
    expect(result.code, result.stderr).toBe(0);
    const rows = await expectGnuTarMatchesTruth(dest, join(tmp, "untarred"), truth);
    expect(rows.length).toBeGreaterThan(20);
  });
});

describe("cat-harvest (Bun) into s3:// on s3rver", () => {
  const { env: s3Env } = useS3rver(() => tmp);

  test("stores every photo byte for byte under the prefix", async () => {
    const result = await cli(["--api-url", emulator.url, "--breeds", BREEDS, "--out", "s3://cats/sets/v1"], s3Env());
    expect(result.code, result.stderr).toBe(0);
    await withDestination("s3://cats/sets/v1", s3Env(), async (read, storage) => {
      const rows = await expectMatchesTruth(read, truth);
      expect(rows.length).toBeGreaterThan(20);
      expect(await verifyDataset(storage)).toMatchObject({ missing: [], corrupted: [], unlisted: [] });
    });
  });

  test("download reads a list from s3://bucket/key: .parquet by ranged GETs, .csv.gz streamed", async () => {
    const urls = [...truth.keys()].filter((u) => !u.includes("width=")).slice(10, 14);
    const parquet = parquetWriteBuffer({ columnData: [{ name: "url", data: urls, type: "STRING" }], rowGroupSize: 2 });
    const csv = gzipSync(["url,label", ...urls.map((u) => `${u},Persian`)].join("\n"));
    await withDestination("s3://cats/lists", s3Env(), async (_, storage) => {
      await storage.put("urls.parquet", new Uint8Array(parquet));
      await storage.put("urls.csv.gz", new Uint8Array(csv));
    });
    for (const [name, breed] of [
      ["urls.parquet", "unlabelled"],
      ["urls.csv.gz", "Persian"],
    ] as const) {
      const dest = join(tmp, `from-s3-${name.replaceAll(".", "-")}`);
      const result = await cli(["download", "--input", `s3://cats/lists/${name}`, "--out", dest], s3Env());
      expect(result.code, result.stderr).toBe(0);
      const rows = await expectMatchesTruth(readFromFolder(dest), truth);
      expect(rows.map((r) => [r.source_url, r.breed]).sort()).toEqual(urls.map((u) => [u, breed]).sort());
    }
    const missing = await cli(["download", "--input", "s3://cats/lists/none.csv", "--out", join(tmp, "from-s3-none")], s3Env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("names no object in that bucket");
  });

  test("an unreachable bucket fails before any work, without printing the secret", async () => {
    const result = await cli(["--api-url", emulator.url, "--breeds", BREEDS, "--out", "s3://no-such-bucket/x"], s3Env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no-such-bucket/);
    expect(result.stderr + result.stdout).not.toContain("S3RVER");
  });
});

describe("cat-harvest (Bun) with faults", () => {
  test("at fault rate 0.1 every stored file is still exact, and re-runs finish the set", async () => {
    const faulty = await startEmulator({ seed: 7, scale: 0.015, port: 0, faultRate: 0.1, stallMs: 1000 });
    try {
      const faultyTruth = await fetchTruth(faulty.url);
      const dest = join(tmp, "faulty");
      let last = await cli(["--api-url", faulty.url, "--breeds", BREEDS, "--out", dest, "--json"]);
      for (let i = 0; i < 3 && last.code !== 0; i++) {
        expect(last.code, last.stderr).toBe(3);
        last = await cli(["--api-url", faulty.url, "--breeds", BREEDS, "--out", dest, "--json"]);
      }
      expect(last.code, last.stderr).toBe(0);
      const rows = await expectMatchesTruth(readFromFolder(dest), faultyTruth);
      expect(rows.length).toBeGreaterThan(20);
      const failures = jsonLines<{ reason: string }>(await readFile(join(dest, "failures.jsonl"), "utf8"));
      expect(failures.filter((f) => f.reason !== "duplicate")).toEqual([]);
      const stats = (await (await fetch(`${faulty.url}/_emulator/stats`)).json()) as { faults: Record<string, number> };
      expect(Object.values(stats.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    } finally {
      await faulty.stop();
    }
  }, 120_000);
});

describe("cat-harvest (Bun) killed with SIGKILL part-way", () => {
  for (const [kind, name] of [
    ["folder", "killed"],
    ["tar.gz archive", "killed.tar.gz"],
  ] as const) {
    test(`into a ${kind}: the re-run ends complete with nothing stored twice`, async () => {
      const slow = await startEmulator({ seed: 7, scale: 0.015, port: 0, latencyMs: 40 });
      try {
        const slowTruth = await fetchTruth(slow.url);
        const dest = join(tmp, name);
        const args = ["--api-url", slow.url, "--breeds", BREEDS, "--out", dest, "--concurrency", "2"];
        // Two kills at different points (the second one mid-resume), then a run to the end.
        for (const photos of [12, 40]) {
          const victim = start(BUN, [CLI, ...args], { env: demoEnv(), cwd: tmp });
          for (let i = 0; i < 400; i++) {
            const stats = (await (await fetch(`${slow.url}/_emulator/stats`)).json()) as { routes: Record<string, Record<string, number>> };
            if ((stats.routes["GET photo"]?.["200"] ?? 0) >= photos) break;
            await new Promise((r) => setTimeout(r, 25));
          }
          victim.child.kill("SIGKILL");
          const killed = await victim.done;
          expect(killed.signal, "the run ended before the kill").toBe("SIGKILL");
        }

        const rerun = await cli(args);
        expect(rerun.code, rerun.stderr).toBe(0);
        let read = readFromFolder(dest);
        if (kind === "tar.gz archive") {
          const names = execFileSync("tar", ["-tzf", dest], { encoding: "utf8" }).split("\n").filter(Boolean);
          expect(names.length, "an entry is in the archive twice").toBe(new Set(names).size);
          const out = join(tmp, `${name}-x`);
          await mkdir(out);
          execFileSync("tar", ["-xzf", dest, "-C", out]);
          read = readFromFolder(out);
        }
        const rows = await expectMatchesTruth(read, slowTruth);
        if (kind === "folder") {
          // No leftovers either: no temporary or unlisted files beside the listed ones.
          expect(await filesUnder(dest)).toEqual([...rows.map((r) => r.file_name), ...OWN_FILES].sort());
        }
        // Same set as a clean, uninterrupted run of the same harvest.
        const clean = await cleanReference();
        expect(rows.map((r) => r.file_name).sort()).toEqual(clean.map((r) => r.file_name).sort());
      } finally {
        await slow.stop();
      }
    }, 120_000);
  }
});

describe("cat-harvest (Bun) stopped with Ctrl-C", () => {
  test("SIGINT finishes cleanly (exit 130, metadata of what is stored) and the next run resumes", async () => {
    const slow = await startEmulator({ seed: 7, scale: 0.015, port: 0, latencyMs: 40 });
    try {
      const slowTruth = await fetchTruth(slow.url);
      const dest = join(tmp, "interrupted");
      const args = ["--api-url", slow.url, "--breeds", BREEDS, "--out", dest, "--concurrency", "2"];
      const victim = start(BUN, [CLI, ...args], { env: demoEnv(), cwd: tmp });
      for (let i = 0; i < 400; i++) {
        const stats = (await (await fetch(`${slow.url}/_emulator/stats`)).json()) as { routes: Record<string, Record<string, number>> };
        if ((stats.routes["GET photo"]?.["200"] ?? 0) >= 10) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      victim.child.kill("SIGINT");
      const stopped = await victim.done;
      expect(stopped.code, stopped.stderr).toBe(130);
      expect(stopped.stdout).toContain("Run the same command again to resume");
      const partial = await expectMatchesTruth(readFromFolder(dest), slowTruth);
      expect(partial.length).toBeGreaterThan(0);
      expect((await cli(["verify", dest])).code).toBe(0);
      const rerun = await cli([...args, "--json"]);
      expect(rerun.code, rerun.stderr).toBe(0);
      const summary = JSON.parse(rerun.stdout);
      expect(summary.existing).toBe(partial.length);
      expect(summary.stored + summary.existing).toBe(summary.files);
      await expectMatchesTruth(readFromFolder(dest), slowTruth);
    } finally {
      await slow.stop();
    }
  }, 120_000);
});

describe("cat-harvest (Bun) refuses bad setups before any work", () => {
  test("missing credentials point to --demo and create nothing", async () => {
    const dest = join(tmp, "never");
    const result = await run(BUN, [CLI, "--out", dest], { cwd: tmp });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("PETFINDER_CLIENT_ID");
    expect(result.stderr).toContain("--demo");
    expect(existsSync(dest)).toBe(false);
  });

  test("refused credentials are reported without the secret", async () => {
    const result = await cli(["--api-url", emulator.url, "--out", join(tmp, "refused.tar")], { PETFINDER_CLIENT_SECRET: "hunter2-secret" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the credentials/);
    expect(result.stderr + result.stdout).not.toContain("hunter2-secret");
    expect(existsSync(join(tmp, "refused.tar"))).toBe(false);
  });

  test.skipIf(process.platform !== "linux")("an unwritable DEST fails with the folder named", async () => {
    // /proc refuses new files even to root, so this holds whoever runs the suite.
    const result = await cli(["--api-url", emulator.url, "--out", "/proc/cat-harvest-e2e/cats"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("/proc is not writable");
  });

  test("a DEST that is a file fails with the problem named", async () => {
    await writeFile(join(tmp, "plain-file"), "x");
    const result = await cli(["--api-url", emulator.url, "--out", join(tmp, "plain-file", "cats")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is a file, not a folder");
  });

  test.each([
    [["--per-breed", "0"], "--per-breed must be a whole number"],
    [["--size", "huge"], "--size must be one of"],
    [["--out", "cats.zip"], "archives must end in .tar"],
    [["--breeds", "Bengall"], 'did you mean "Bengal"'],
  ])("%j exits 2 with %j", async (args, message) => {
    const result = await cli(["--api-url", emulator.url, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe("cat-harvest (Bun) download --input", () => {
  test("downloads a labelled CSV list into label folders, byte for byte", async () => {
    const urls = [...truth.keys()].filter((u) => !u.includes("width=")).slice(0, 6);
    const csv = ["label,url", ...urls.map((u, i) => `${i % 2 ? '"Lap, cats"' : "Tabby"},${u}`)].join("\n");
    await writeFile(join(tmp, "list.csv"), csv);
    const dest = join(tmp, "from-list");
    const result = await cli(["download", "--input", join(tmp, "list.csv"), "--out", dest]);
    expect(result.code, result.stderr).toBe(0);
    const rows = await expectMatchesTruth(readFromFolder(dest), truth);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.breed))).toEqual(new Set(["Tabby", "Lap, cats"]));
    for (const row of rows.filter((r) => r.breed === "Tabby")) expect(row.file_name).toMatch(/^Tabby\/[0-9a-f]{16}\.jpg$/);
    const csvOut = await readFile(join(dest, "breeds.csv"), "utf8");
    expect(csvOut).toContain("Tabby,Tabby,3");
  });

  test("a bad line is reported with its number, recorded as a failure, and the run goes on", async () => {
    const [url] = [...truth.keys()].filter((u) => !u.includes("width="));
    await writeFile(join(tmp, "bad.jsonl"), `{"url":"${url}"}\n{"url": 5}\n{"link":"x"}\n`);
    const dest = join(tmp, "bad-out");
    const result = await cli(["download", "--input", join(tmp, "bad.jsonl"), "--out", dest]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain("bad.jsonl:2: the url must be text");
    expect(result.stderr).toContain('bad.jsonl:3: the object has no "url" field');
    expect(await expectMatchesTruth(readFromFolder(dest), truth)).toHaveLength(1);
    const failures = jsonLines<{ reason: string }>(await readFile(join(dest, "failures.jsonl"), "utf8"));
    expect(failures.map((f) => f.reason).sort()).toEqual(["invalid-url", "missing-url"]);
  });

  test("reads a .tsv.gz and a .parquet list with --url-column and --label-column", async () => {
    const urls = [...truth.keys()].filter((u) => !u.includes("width=")).slice(6, 10);
    const tsv = ["image\tbreed", ...urls.map((u) => `${u}\tSiamese`)].join("\n");
    await writeFile(join(tmp, "list.tsv.gz"), gzipSync(tsv));
    await writeFile(
      join(tmp, "list.parquet"),
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: "image", data: urls, type: "STRING" },
            { name: "breed", data: urls.map(() => "Bengal"), type: "STRING" },
          ],
        }),
      ),
    );
    for (const [name, breed] of [
      ["list.tsv.gz", "Siamese"],
      ["list.parquet", "Bengal"],
    ] as const) {
      const dest = join(tmp, `columns-${name.replaceAll(".", "-")}`);
      const result = await cli(["download", "--input", join(tmp, name), "--out", dest, "--url-column", "image", "--label-column", "breed"]);
      expect(result.code, result.stderr).toBe(0);
      const rows = await expectMatchesTruth(readFromFolder(dest), truth);
      expect(rows.map((r) => r.breed)).toEqual(urls.map(() => breed));
    }
  });

  test("a list without the URL column exits 2, listing its columns and the flag", async () => {
    const result = await cli(["download", "--input", join(tmp, "list.parquet"), "--out", join(tmp, "no-column")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no "url" column; its columns are "image", "breed": name the one to use with --url-column NAME');
  });
});

describe("the packed tarball", () => {
  test("runs with bunx, self-contained (no @cat-harvest/* from a registry)", async () => {
    const pack = join(tmp, "pack");
    await mkdir(pack);
    execFileSync("npm", ["pack", "--pack-destination", pack], { cwd: join(ROOT, "apps", "cli"), stdio: "ignore" });
    const tarball = join(
      pack,
      (await readdir(pack)).find((n) => n.endsWith(".tgz"))!,
    );
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
    expect(manifest.dependencies ?? {}).toEqual({});
    const bunx = join(ROOT, "node_modules", ".bin", "bunx");
    const dest = join(tmp, "bunx-out");
    const result = await run(bunx, ["--package", tarball, "cat-harvest", "--api-url", emulator.url, "--breeds", "Bengal", "--out", dest], {
      // A dead loopback registry: the tarball must need nothing from one.
      env: {
        ...demoEnv(),
        BUN_INSTALL_CACHE_DIR: join(tmp, "bun-cache"),
        BUN_CONFIG_REGISTRY: "http://127.0.0.1:9/",
        NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/",
      },
      cwd: pack,
    });
    expect(result.code, result.stderr).toBe(0);
    expect((await expectMatchesTruth(readFromFolder(dest), truth)).length).toBeGreaterThan(5);
  }, 120_000);
});

describe("cat-harvest (Bun) breeds and emulator", () => {
  test("breeds lists the type's breeds, as text or JSON", async () => {
    const text = await cli(["breeds", "--api-url", emulator.url]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split("\n")).toContain("Sphynx / Hairless Cat");
    const json = await cli(["breeds", "--api-url", emulator.url, "--json"]);
    expect(JSON.parse(json.stdout)).toContain("Bengal");
  });

  test("emulator serves until Ctrl-C and says where", async () => {
    const server = start(BUN, [CLI, "emulator", "--scale", "0.01"], { cwd: tmp });
    let url: string | undefined;
    for (let i = 0; i < 400 && !url; i++) {
      url = /listening on (http:\/\/\S+)/.exec(server.output())?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 25));
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await fetch(`${url}/v2/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }),
    });
    expect(token.status).toBe(200);
    server.child.kill("SIGINT");
    expect((await server.done).code).toBe(0);
  });
});
