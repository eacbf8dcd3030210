import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BenchOptions } from "./args.js";
import { runMeasured } from "./measure.js";
import { CAT_HARVEST_CLI, NODE_BIN_DIR, REPO_DIR } from "./paths.js";

export interface StartupResult {
  what: string;
  runs: number;
  medianMs: number;
  minMs: number;
  peakRssMB: number;
  exitCode: number;
}

/** The Deno script, wherever apps/deno keeps it. */
export function denoScript(): string | undefined {
  for (const name of ["src/main.ts", "main.ts", "src/cli.ts", "cli.ts", "mod.ts", "src/mod.ts", "harvest.ts", "src/harvest.ts"]) {
    const path = join(REPO_DIR, "apps/deno", name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

async function timeRepeated(what: string, command: string, args: string[], runs: number, log: (l: string) => void): Promise<StartupResult> {
  // one untimed run warms the OS file cache and any compile cache, as a second launch would
  await runMeasured(command, args, { cwd: REPO_DIR, timeoutSec: 60 });
  const walls: number[] = [];
  let peak = 0;
  let exitCode = 0;
  for (let i = 0; i < runs; i++) {
    const cost = await runMeasured(command, args, { cwd: REPO_DIR, timeoutSec: 60 });
    walls.push(cost.wallSec * 1000);
    peak = Math.max(peak, cost.peakRssMB);
    if (cost.exitCode !== 0) exitCode = cost.exitCode;
  }
  walls.sort((a, b) => a - b);
  const result = { what, runs, medianMs: walls[Math.floor(runs / 2)]!, minMs: walls[0]!, peakRssMB: peak, exitCode };
  log(
    `  ${what.padEnd(44)} median ${result.medianMs.toFixed(0)} ms, min ${result.minMs.toFixed(0)} ms, ${peak.toFixed(0)} MB${exitCode ? `, exit ${exitCode}` : ""}`,
  );
  return result;
}

export async function benchStartup(options: BenchOptions, log: (line: string) => void, built: Map<string, boolean>): Promise<StartupResult[]> {
  const runs = options.quick ? 3 : 10;
  log(`Start-up, ${runs} timed runs each after one warm-up`);
  const results: StartupResult[] = [];
  if (built.get("apps/cli") && existsSync(CAT_HARVEST_CLI)) {
    results.push(await timeRepeated("cat-harvest --help (bun)", join(NODE_BIN_DIR, "bun"), [CAT_HARVEST_CLI, "--help"], runs, log));
  } else {
    log("  apps/cli is not built: cat-harvest --help skipped.");
  }
  const script = denoScript();
  if (script) {
    results.push(
      await timeRepeated(
        "deno script --help",
        join(NODE_BIN_DIR, "deno"),
        ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-write", "--allow-env", script, "--help"],
        runs,
        log,
      ),
    );
  } else {
    log("  apps/deno has no script yet: its start-up is skipped.");
  }
  results.push(await timeRepeated("node -e 0 (floor, for reference)", process.execPath, ["-e", "0"], runs, log));
  return results;
}
