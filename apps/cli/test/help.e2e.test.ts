// `--help` per subcommand, and negative numbers, from the built bundle under Node.
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { CLI, run } from "./run-process.js";

const cli = (args: string[]) => run(process.execPath, [CLI, ...args]);

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` in apps/cli first`);
});

describe("cat-harvest SUBCOMMAND --help", () => {
  test("download --help lists download's own flags and the exit codes", async () => {
    const result = await cli(["download", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: cat-harvest download --input FILE --out DEST");
    expect(result.stdout).toContain("--input FILE");
    expect(result.stdout).toContain("--concurrency N");
    expect(result.stdout).toContain("--url-column NAME");
    expect(result.stdout).toContain("--label-column NAME");
    expect(result.stdout).toContain(".parquet; a file or s3://bucket/key");
    expect(result.stdout).not.toContain("--per-breed");
    expect(result.stdout).toContain("130  interrupted");
    expect((await cli(["help", "download"])).stdout).toBe(result.stdout);
  });

  test("emulator --help prints the emulator's own help", async () => {
    const result = await cli(["emulator", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: cat-harvest emulator [options]");
    expect(result.stdout).toContain("--fault-kinds K,K");
    expect(result.stdout).toContain("--token-ttl-seconds N");
  });

  test("--help lists the subcommands, harvest's flags and the exit codes", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(0);
    for (const text of ["cat-harvest verify DEST", "--per-breed N", "Exit codes:", "3    partial"]) expect(result.stdout).toContain(text);
  });
});

describe("negative numbers", () => {
  test.each([
    [["--per-breed", "-5"], '--per-breed must be a whole number from 1 up, got "-5"'],
    [["--concurrency", "-1"], '--concurrency must be a whole number from 1 to 256, got "-1"'],
    [["emulator", "--port", "-5"], '--port must be an integer from 0 to 65535; got "-5"'],
  ])("%j gets the range message and exit 2", async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain("ambiguous");
  });
});
