import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { NODE_BIN_DIR, REPO_DIR } from "./paths.js";

/** Workspaces the bench runs from their built dist/. */
export const BENCH_PROJECTS = [
  "packages/petfinder-emulator",
  "packages/storage-fs",
  "packages/downloader",
  "packages/petfinder",
  "packages/harvest",
  "apps/cli",
] as const;

/**
 * Builds each project with `tsc -b` (incremental, so a no-op when dist is current), bundles
 * the ones that ship a bundle (apps/cli), and returns which ones now have a dist/index.js or
 * dist/cli.js to run.
 */
export function buildProjects(log: (line: string) => void): Map<string, boolean> {
  const ready = new Map<string, boolean>();
  const tsc = join(NODE_BIN_DIR, "tsc");
  for (const project of BENCH_PROJECTS) {
    const dir = join(REPO_DIR, project);
    const r = spawnSync(tsc, ["-b", dir], { cwd: REPO_DIR, encoding: "utf8" });
    // The command runs from a Bun bundle: bundle it again, or it runs the code of its last build.
    if (r.status === 0 && existsSync(join(dir, "scripts/bundle.mjs"))) {
      const bundled = spawnSync(process.execPath, [join(dir, "scripts/bundle.mjs")], { cwd: dir, encoding: "utf8" });
      if (bundled.status !== 0) log(`  build ${project}: bundle failed: ${(bundled.stderr || bundled.stdout).trim().split("\n")[0] ?? ""}`);
    }
    const built = existsSync(join(dir, "dist/index.js")) || existsSync(join(dir, "dist/cli.js"));
    if (r.status !== 0) {
      const first = (r.stdout || r.stderr).trim().split("\n")[0] ?? "";
      log(`  build ${project}: tsc -b failed${built ? " (using the dist/ already there)" : ""}: ${first}`);
    }
    ready.set(project, built);
  }
  return ready;
}
