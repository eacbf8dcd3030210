import { describe, expect, test } from "vitest";
import type { CommandIO } from "./command-io.js";
import { EXIT_FAILURE, EXIT_USAGE } from "./exit-codes.js";
import { runCommand } from "./run-command.js";

async function run(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIO = { env: {}, signal: new AbortController().signal, stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) };
  const code = await runCommand(argv, io);
  return { code, stdout, stderr };
}

describe("runCommand with --json", () => {
  test("a bad flag value prints one JSON object with the error on stdout, and the text on stderr", async () => {
    const { code, stdout, stderr } = await run(["--json", "--concurrency", "0x10"]);
    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toHaveLength(1);
    expect(JSON.parse(stdout[0]!)).toEqual({
      error: {
        name: "CommandUsageError",
        flag: "concurrency",
        message: expect.stringContaining('--concurrency must be a whole number from 1 to 256, got "0x10"'),
      },
      exitCode: EXIT_USAGE,
    });
    expect(stderr.join("\n")).toContain('error: --concurrency must be a whole number from 1 to 256, got "0x10"');
  });

  test("a failure during the run prints its JSON object too", async () => {
    const { code, stdout, stderr } = await run(["verify", "/nonexistent/cat-harvest-dest", "--json"]);
    expect(code).toBe(EXIT_FAILURE);
    expect(JSON.parse(stdout[0]!)).toMatchObject({
      error: { name: "CommandDestinationError", message: expect.stringContaining("does not exist") },
      exitCode: EXIT_FAILURE,
    });
    expect(stderr.join("\n")).toContain("does not exist");
  });

  test("without --json, stdout stays empty on failure", async () => {
    const { stdout } = await run(["verify", "/nonexistent/cat-harvest-dest"]);
    expect(stdout).toEqual([]);
  });

  test("--json after -- is a value, not a request for JSON", async () => {
    const { stdout } = await run(["--bogus", "--", "--json"]);
    expect(stdout).toEqual([]);
  });
});
