// After `npm ci && npm run build` in a checkout, `npx cat-harvest` and `npx petfinder-emulator`
// run the workspace's own commands: npm linked their committed bin files at install time.
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT, run } from "./run-process.js";

const NO_REGISTRY = { npm_config_registry: "http://127.0.0.1:9/", npm_config_offline: "true" };

describe("workspace bins", () => {
  test.each([
    ["cat-harvest", "apps/cli/bin/cat-harvest.js"],
    ["petfinder-emulator", "packages/petfinder-emulator/bin/petfinder-emulator.js"],
  ])("node_modules/.bin/%s is the workspace's %s", (name, target) => {
    expect(realpathSync(join(ROOT, "node_modules", ".bin", name))).toBe(join(ROOT, target));
  });

  test("npx cat-harvest runs the workspace's build", async () => {
    const result = await run("npx", ["cat-harvest", "verify", "--help"], { env: NO_REGISTRY });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Usage: cat-harvest verify DEST");
  });

  test("npx petfinder-emulator runs the workspace's emulator", async () => {
    const result = await run("npx", ["petfinder-emulator", "--help"], { env: NO_REGISTRY });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Usage: petfinder-emulator [options]");
  });
});
