// End-to-end: DEST's lock. The built `cat-harvest` (dist/cli.js, run by Node as child
// processes) against the emulator over HTTP: two runs into one folder, one .tar.gz and one S3
// prefix at once (the second is refused at once, the first completes a whole data set), a run
// killed with SIGKILL (its lock is taken over), and a lock whose heartbeat is old.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { CLI, expectGnuTarMatchesTruth, expectMatchesTruth, fetchTruth, readFromFolder, run, start } from "./run-process.js";
import { useS3rver, withDestination } from "./s3rver-dest.js";

// Child processes on a shared 2-core machine: generous limits (no timing is asserted).
vi.setConfig({ testTimeout: 120_000 });

const BREEDS = "Bengal,Siamese";
const NODE = process.execPath;
let tmp: string;
let emulator: Emulator;
let truth: Awaited<ReturnType<typeof fetchTruth>>;
const demoEnv = { PETFINDER_CLIENT_ID: "demo", PETFINDER_CLIENT_SECRET: "demo" };
/** Slow enough (40 ms a response, 2 at once) that a second run starts while the first writes. */
const args = (out: string) => ["--api-url", emulator.url, "--breeds", BREEDS, "--out", out, "--concurrency", "2"];
const cli = (argv: string[], env: Record<string, string> = {}) => run(NODE, [CLI, ...argv], { env: { ...demoEnv, ...env }, cwd: tmp });
const startCli = (argv: string[], env: Record<string, string> = {}) => start(NODE, [CLI, ...argv], { env: { ...demoEnv, ...env }, cwd: tmp });

/** Waits until `check` holds (polling), failing after a minute. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Starts a run into `dest`, waits for its lock, then runs a second one: refused at once (exit 1,
 * the first still writing) with the first run named.
 */
async function secondWhileFirstWrites(dest: string, locked: () => boolean | Promise<boolean>, env: Record<string, string> = {}) {
  const first = startCli(args(dest), env);
  await waitFor("the first run's lock", locked);
  const second = await cli(args(dest), env);
  expect(first.child.exitCode, "the first run was still writing when the second was refused").toBeNull();
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(holderPattern(first.child.pid));
  return { first, second };
}

/** `pid 1234 on host-a since 2026-11-28T09:01:02Z (heartbeat 3 s ago)`, as the refusal names the run. */
const holderPattern = (pid: number | undefined) =>
  new RegExp(`in use by pid ${pid} on ${hostname()} since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(heartbeat \\d+ s ago\\)`);

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx turbo run build --filter=cat-harvest...\` first`);
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-lock-e2e-"));
  emulator = await startEmulator({ seed: 7, scale: 0.015, port: 0, latencyMs: 40 });
  truth = await fetchTruth(emulator.url);
});
afterAll(async () => {
  await emulator?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("two runs into one DEST at once", () => {
  test("into a folder: the second is refused at once naming the first (pid, host, since), and the first completes a whole data set", async () => {
    const dest = join(tmp, "busy-folder");
    const lockFile = join(dest, "cat-harvest.lock");
    const { first, second } = await secondWhileFirstWrites(dest, () => existsSync(lockFile));
    expect(second.stderr).toContain(`remove ${lockFile} if it is gone`);

    const done = await first.done;
    expect(done.code, done.stderr).toBe(0);
    const rows = await expectMatchesTruth(readFromFolder(dest), truth);
    expect(rows.length).toBeGreaterThan(20);
    // The lock is gone with the run, and the metadata lists every photo on disk.
    expect((await readdir(dest)).sort()).toEqual([
      "Bengal",
      "README.md",
      "SOURCES.md",
      "Siamese",
      "breeds.csv",
      "cat-harvest-records.jsonl.gz",
      "cat-harvest-state.jsonl",
      "failures.jsonl",
      "metadata.jsonl",
      "report.html",
    ]);
  });

  test("into a .tar.gz: the second is refused at once, and GNU tar reads the whole archive the first wrote", async () => {
    const dest = join(tmp, "busy.tar.gz");
    const lockFile = `${dest}.lock`;
    const { first, second } = await secondWhileFirstWrites(dest, () => existsSync(lockFile));
    expect(second.stderr).toContain(`remove ${lockFile} if it is gone`);

    const done = await first.done;
    expect(done.code, done.stderr).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
    const rows = await expectGnuTarMatchesTruth(dest, join(tmp, "busy-untarred"), truth);
    expect(rows.length).toBeGreaterThan(20);
  });

  test("download --input into a busy folder is refused the same way", async () => {
    const dest = join(tmp, "busy-download");
    const list = join(tmp, "urls.txt");
    await writeFile(list, `${[...truth.keys()].slice(0, 200).join("\n")}\n`);
    const first = startCli(["download", "--input", list, "--out", dest, "--concurrency", "2"]);
    await waitFor("the first run's lock", () => existsSync(join(dest, "cat-harvest.lock")));
    const second = await cli(["download", "--input", list, "--out", dest]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(holderPattern(first.child.pid));
    const done = await first.done;
    expect(done.code, done.stderr).toBe(0);
    expect(existsSync(join(dest, "cat-harvest.lock"))).toBe(false);
  });
});

describe("the lock is released", () => {
  test("on Ctrl-C (exit 130), and the next run resumes without taking anything over", async () => {
    const dest = join(tmp, "interrupted");
    const run = startCli(args(dest));
    await waitFor("the run's lock", () => existsSync(join(dest, "cat-harvest.lock")));
    run.child.kill("SIGINT");
    const done = await run.done;
    expect(done.code, done.stderr).toBe(130);
    expect(existsSync(join(dest, "cat-harvest.lock"))).toBe(false);
    const next = await cli(args(dest));
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).not.toContain("Took over");
  });

  test("on an error after it was taken (an unknown breed, exit 2), leaving no folder the run made", async () => {
    const dest = join(tmp, "never-made");
    const result = await cli(["--api-url", emulator.url, "--breeds", "No Such Breed", "--out", dest]);
    expect(result.code, result.stderr).toBe(2);
    expect(existsSync(dest)).toBe(false);
  });
});

describe("a lock left behind", () => {
  for (const [kind, name, lockOf] of [
    ["folder", "killed-folder", (dest: string) => join(dest, "cat-harvest.lock")],
    ["tar.gz archive", "killed.tar.gz", (dest: string) => `${dest}.lock`],
  ] as const) {
    test(`by a run killed with SIGKILL (into a ${kind}) is taken over by the next run, which says so`, async () => {
      const dest = join(tmp, name);
      // The emulator's count is over every test of the file: this run's photos are the ones past it.
      const before = await photosServed();
      const victim = startCli(args(dest));
      // The lock is created, then its record written: wait for the record, not only the file.
      await waitFor("the run's lock record", async () => lockRecordIn(lockOf(dest)));
      await waitFor("a few photos of this run", async () => (await photosServed()) > before);
      victim.child.kill("SIGKILL");
      expect((await victim.done).signal).toBe("SIGKILL");
      expect(JSON.parse(await readFile(lockOf(dest), "utf8"))).toMatchObject({ pid: victim.child.pid, host: hostname() });

      const next = await cli(args(dest));
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).toContain(`Took over the lock ${lockOf(dest)} of pid ${victim.child.pid} on ${hostname()}: its process ${victim.child.pid} is gone.`);
      expect(existsSync(lockOf(dest))).toBe(false);
    });
  }

  test("whose heartbeat is old (another host) is taken over; a fresh one of another host is not", async () => {
    const dest = join(tmp, "old-heartbeat");
    await mkdir(dest);
    const lockFile = join(dest, "cat-harvest.lock");
    const record = (heartbeatAgoMs: number) =>
      JSON.stringify({
        tool: "cat-harvest",
        token: "another-run",
        pid: 999_999,
        host: "host-elsewhere",
        startedAt: new Date(Date.now() - 600_000).toISOString(),
        heartbeatAt: new Date(Date.now() - heartbeatAgoMs).toISOString(),
      });

    await writeFile(lockFile, record(2_000));
    const refused = await cli(args(dest));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use by pid 999999 on host-elsewhere since .*Z \(heartbeat [23] s ago\)/);

    await writeFile(lockFile, record(300_000));
    const next = await cli(args(dest));
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/Took over the lock .* of pid 999999 on host-elsewhere: its heartbeat is 30\d s old \(more than 60 s\)\./);
    expect(existsSync(lockFile)).toBe(false);
    await expectMatchesTruth(readFromFolder(dest), truth);
  });

  test("verify takes no lock, says that a run is writing, and does not count the lock as a stray file", async () => {
    const dest = join(tmp, "old-heartbeat"); // complete, from the test above
    const lockFile = join(dest, "cat-harvest.lock");
    const now = new Date().toISOString();
    // A live run of this host: this test's own process.
    const held = JSON.stringify({ tool: "cat-harvest", token: "live", pid: process.pid, host: hostname(), startedAt: now, heartbeatAt: now });
    await writeFile(lockFile, held);
    const verify = await cli(["verify", dest]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stderr).toMatch(new RegExp(`a run is writing into folder ${dest} \\(pid ${process.pid} on ${hostname()} since`));
    expect(verify.stdout).not.toContain("not listed");
    expect(await readFile(lockFile, "utf8")).toBe(held);
    await rm(lockFile);
  });
});

describe("two runs into one S3 prefix (s3rver)", () => {
  const s3 = useS3rver(() => tmp);

  test("the second run is refused while the first holds s3://cats/busy/cat-harvest.lock, and the first completes", async () => {
    const client = new S3Client({
      endpoint: s3.endpoint(),
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    const lockExists = () =>
      client.send(new GetObjectCommand({ Bucket: "cats", Key: "busy/cat-harvest.lock" })).then(
        () => true,
        () => false,
      );
    try {
      const { first, second } = await secondWhileFirstWrites("s3://cats/busy", lockExists, s3.env());
      expect(second.stderr).toContain("remove s3://cats/busy/cat-harvest.lock if it is gone");
      const done = await first.done;
      expect(done.code, done.stderr).toBe(0);
      expect(await lockExists()).toBe(false);
    } finally {
      client.destroy();
    }
    await withDestination("s3://cats/busy", s3.env(), async (read) => {
      expect((await expectMatchesTruth(read, truth)).length).toBeGreaterThan(20);
    });
  });
});

/** Photos the emulator has served so far (every test of this file together). */
async function photosServed(): Promise<number> {
  const stats = (await fetch(`${emulator.url}/_emulator/stats`).then((r) => r.json())) as { routes: Record<string, Record<string, number>> };
  return stats.routes["GET photo"]?.["200"] ?? 0;
}

/** Whether the lock file holds a whole record yet (it is empty between its creation and its first write). */
async function lockRecordIn(path: string): Promise<boolean> {
  try {
    JSON.parse(await readFile(path, "utf8"));
    return true;
  } catch {
    return false;
  }
}
