// End-to-end: `deno run harvest.ts` as a child process, with only the permissions the README
// gives, against the emulator: into a folder, a .tar.gz (read back with GNU tar) and s3:// on
// s3rver, each stored file checked byte for byte against the emulator's truth.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDestination } from "@cat-harvest/command";
import { startEmulator, type Emulator } from "@cat-harvest/petfinder-emulator";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

// Child processes on a shared 2-core machine: generous limits (no timing is asserted).
vi.setConfig({ testTimeout: 120_000 });
import { DENO, DENO_SCRIPT, expectMatchesTruth, fetchTruth, readFromFolder, run } from "../../cli/test/run-process.js";

let tmp: string;
let emulator: Emulator;
let truth: Awaited<ReturnType<typeof fetchTruth>>;

/**
 * The README's permissions: loopback only, reads and writes only under the work folder, and
 * the two credential variables (or `extra` in their place, for S3).
 */
const deno = (args: string[], extra: string[] = [], env: Record<string, string> = {}) =>
  run(
    DENO,
    [
      "run",
      "--no-lock",
      "--allow-net=127.0.0.1",
      `--allow-read=${tmp}`,
      `--allow-write=${tmp}`,
      ...(extra.length > 0 ? extra : ["--allow-env=PETFINDER_CLIENT_ID,PETFINDER_CLIENT_SECRET"]),
      DENO_SCRIPT,
      ...args,
    ],
    { env: { PETFINDER_CLIENT_ID: "demo", PETFINDER_CLIENT_SECRET: "demo", ...env }, cwd: tmp },
  );

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-deno-"));
  emulator = await startEmulator({ seed: 11, scale: 0.015, port: 0 });
  truth = await fetchTruth(emulator.url);
});
afterAll(async () => {
  await emulator?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("deno run harvest.ts", () => {
  test("harvests into a folder byte for byte, and verify agrees", async () => {
    const dest = join(tmp, "folder");
    const result = await deno(["--api-url", emulator.url, "--breeds", "Bengal,Siamese", "--out", dest]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/total \(2 breeds\)/);
    const rows = await expectMatchesTruth(readFromFolder(dest), truth);
    expect(rows.length).toBeGreaterThan(20);
    const verify = await deno(["verify", dest]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain(`${rows.length} of ${rows.length} files match`);
  });

  test("harvests into a .tar.gz that GNU tar reads", async () => {
    const dest = join(tmp, "cats.tar.gz");
    const result = await deno(["--api-url", emulator.url, "--breeds", "Bengal", "--out", dest]);
    expect(result.code, result.stderr).toBe(0);
    const out = join(tmp, "untarred");
    await mkdir(out);
    execFileSync("tar", ["-xzf", dest, "-C", out]);
    expect((await expectMatchesTruth(readFromFolder(out), truth)).length).toBeGreaterThan(5);
  });

  test("without credentials it says what to set and points to --demo", async () => {
    const result = await deno(["--api-url", emulator.url, "--out", join(tmp, "none")], [], { PETFINDER_CLIENT_ID: "", PETFINDER_CLIENT_SECRET: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--demo");
  });

  describe("into s3:// on s3rver", () => {
    let s3: S3rver;
    let endpoint: string;
    beforeAll(async () => {
      s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: join(tmp, "s3rver"), configureBuckets: [{ name: "deno-cats", configs: [] }] });
      const { port } = (await s3.run()) as { port: number };
      endpoint = `http://127.0.0.1:${port}`;
    });
    afterAll(async () => {
      await s3?.close();
    });

    test("stores every photo byte for byte (the AWS SDK needs --allow-env and --allow-sys)", async () => {
      const env = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: endpoint };
      const result = await deno(["--api-url", emulator.url, "--breeds", "Bengal", "--out", "s3://deno-cats/run"], ["--allow-env", "--allow-sys"], env);
      expect(result.code, result.stderr).toBe(0);
      const opened = await openDestination("s3://deno-cats/run", env);
      try {
        const storage = await opened.openStorage();
        const read = async (key: string) => {
          const body = await storage.get(key);
          return body ? new Uint8Array(await new Response(body).arrayBuffer()) : undefined;
        };
        expect((await expectMatchesTruth(read, truth)).length).toBeGreaterThan(5);
      } finally {
        await opened.close();
      }
    });
  });
});
