import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCatApiEmulator, type CatApiEmulator } from "@cat-harvest/thecatapi-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CommandIO } from "./command-io.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL } from "./exit-codes.js";
import { runCommand } from "./run-command.js";

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIO = { env, signal: new AbortController().signal, stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) };
  const code = await runCommand(argv, io);
  return { code, stdout, stderr: stderr.join("\n") };
}

let tmp: string;
let cats: CatApiEmulator;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-sources-"));
  cats = await startCatApiEmulator({ seed: 2, scale: 0.01, rateLimit: 0 });
});
afterAll(async () => {
  await cats?.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe("--source", () => {
  test.each([
    [["--source", "thecatapi"], {}, "THECATAPI_API_KEY", "https://thecatapi.com/signup"],
    [["--source", "rescuegroups"], {}, "RESCUEGROUPS_API_KEY", "https://rescuegroups.org/services/adoptable-pet-data-api/"],
    [["--source", "rescuegroups,thecatapi"], { RESCUEGROUPS_API_KEY: "k" }, "THECATAPI_API_KEY", "--thecatapi-key"],
  ])("%j without a key stops before any work, naming the variable and where to get a key", async (argv, env, variable, where) => {
    const out = join(tmp, `missing-${argv.join("-")}`);
    const { code, stderr } = await run([...argv, "--out", out], env);
    expect(code).toBe(EXIT_FAILURE);
    expect(stderr).toContain(variable);
    expect(stderr).toContain(where);
    await expect(readdir(out)).rejects.toThrow();
  });

  test("a refused key is reported before DEST is created, naming the variable, never the key", async () => {
    const out = join(tmp, "refused");
    const { code, stderr } = await run(["--source", "thecatapi", "--api-url", cats.apiUrl, "--out", out], { THECATAPI_API_KEY: "not-the-key" });
    expect(code).toBe(EXIT_FAILURE);
    expect(stderr).toContain("The Cat API refused the key");
    expect(stderr).toContain("THECATAPI_API_KEY");
    expect(stderr).not.toContain("not-the-key");
    await expect(readdir(out)).rejects.toThrow();
  });

  test("--api-url and a key from the environment harvest The Cat API's breeds asked by id", async () => {
    const out = join(tmp, "keyed");
    const { code } = await run(["--source", "thecatapi", "--api-url", cats.apiUrl, "--breeds", "beng,Siamese", "--out", out, "--concurrency", "8"], {
      THECATAPI_API_KEY: "demo",
    });
    expect(code).toBe(EXIT_OK);
    expect((await readdir(out)).sort()).toEqual([
      "Bengal",
      "README.md",
      "SOURCES.md",
      "Siamese",
      "breeds.csv",
      "cat-harvest-records-thecatapi.jsonl.gz",
      "cat-harvest-state.jsonl",
      "failures.jsonl",
      "metadata.jsonl",
      "report.html",
    ]);
    expect((await readdir(join(out, "Bengal"))).every((f) => /^thecatapi-[\w-]+\.(jpg|png|gif)$/.test(f))).toBe(true);
  });

  test("--demo --source thecatapi harvests from the bundled emulator, no key", async () => {
    const out = join(tmp, "demo");
    const { code, stderr } = await run(["--demo", "--source", "thecatapi", "--scale", "0.005", "--breeds", "Bengal", "--out", out]);
    expect(code).toBe(EXIT_OK);
    expect(stderr).toContain("The Cat API emulator");
    const rows = (await readFile(join(out, "metadata.jsonl"), "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { source: string });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.source === "thecatapi")).toBe(true);
    expect(await readFile(join(out, "SOURCES.md"), "utf8")).toContain("https://thecatapi.com/terms");
  });

  test("The Cat API's spent quota ends the run partial (exit 3), saying which quota and when it resets", async () => {
    const limited = await startCatApiEmulator({ seed: 2, scale: 0.01, rateLimit: 0, monthlyLimit: 3 });
    try {
      const out = join(tmp, "quota");
      const { code, stdout } = await run(["--source", "thecatapi", "--api-url", limited.apiUrl, "--breeds", "Bengal,Siamese,Persian,Sphynx", "--out", out], {
        THECATAPI_API_KEY: "demo",
      });
      expect(code).toBe(EXIT_PARTIAL);
      expect(stdout.join("\n")).toMatch(/The Cat API's request quota ran out; it resets at \d{4}-\d\d-\d\dT/);
    } finally {
      await limited.stop();
    }
  });

  test("breeds --source rescuegroups --demo lists RescueGroups.org's cat breeds", async () => {
    const { code, stdout } = await run(["breeds", "--source", "rescuegroups", "--demo", "--json"]);
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(stdout[0]!)).toContain("Siamese");
  });
});
