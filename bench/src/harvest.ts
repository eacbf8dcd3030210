import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { BenchOptions } from "./args.js";
import { startEmulatorProcess } from "./emulator-process.js";
import { runMeasured } from "./measure.js";
import { BENCH_DIR, CAT_HARVEST_CLI, NODE_BIN_DIR, REPO_DIR } from "./paths.js";
import { pollStats } from "./stats-poller.js";

export interface HarvestResult {
  how: string;
  scale: number;
  rateLimit: number;
  /** The client's requests-per-second ceiling, when known. */
  clientCeiling?: number;
  apiRequests: number;
  apiPhaseSec: number;
  apiRequestsPerSec: number;
  tooMany: number;
  photoRequests: number;
  downloadPhaseSec: number;
  overlapSec: number;
  stored: number;
  wallSec: number;
  cpuSec: number;
  peakRssMB: number;
  /** CPU seconds the emulator spent meanwhile (its own process). */
  emulatorCpuSec: number;
  exitCode: number;
  note?: string;
}

/** The petfinder client's default ceiling, read from its build (so the table says what was in force). */
async function clientDefaultCeiling(): Promise<number | undefined> {
  try {
    const m = (await import("@cat-harvest/petfinder")) as { DEFAULT_REQUESTS_PER_SECOND?: number };
    return m.DEFAULT_REQUESTS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function cliWorks(): boolean {
  if (!existsSync(CAT_HARVEST_CLI)) return false;
  const r = spawnSync(join(NODE_BIN_DIR, "bun"), [CAT_HARVEST_CLI, "--help"], { encoding: "utf8", timeout: 30_000 });
  return r.status === 0 && /usage/i.test(r.stdout + r.stderr);
}

function harvestLibraryWorks(): boolean {
  const r = spawnSync(
    process.execPath,
    ["-e", "import('@cat-harvest/command').then(m => process.exit(typeof m.runCommand === 'function' ? 0 : 1), () => process.exit(1))"],
    {
      cwd: BENCH_DIR,
      timeout: 30_000,
    },
  );
  return r.status === 0;
}

/**
 * The whole harvest at the emulator's scale: `cat-harvest` under Bun (or `runCommand` under
 * node before the app lands), API and download phases timed from the emulator's counters.
 * Without the harvest, the API phase alone with the petfinder client.
 */
export async function benchHarvest(
  options: BenchOptions,
  workDir: string,
  log: (line: string) => void,
  _built: Map<string, boolean>,
): Promise<HarvestResult[]> {
  const results: HarvestResult[] = [];
  const ceiling = await clientDefaultCeiling();
  const useCli = cliWorks();
  const useLibrary = !useCli && harvestLibraryWorks();
  log(`Whole harvest at emulator scale ${options.harvestScale}, rate limit ${options.rateLimit}/s, latency 0`);
  const emulator = await startEmulatorProcess({ scale: options.harvestScale, latencyMs: 0, rateLimit: options.rateLimit });
  try {
    const out = join(workDir, "harvest", "cat_breeds");
    const env = { ...process.env, PETFINDER_CLIENT_ID: "demo", PETFINDER_CLIENT_SECRET: "demo" };
    const harvestArgs = ["harvest", "--api-url", emulator.url, "--out", out, "--json"];
    let how: string;
    let command: string;
    let args: string[];
    if (useCli) {
      how = "cat-harvest (bun, apps/cli)";
      command = join(NODE_BIN_DIR, "bun");
      args = [CAT_HARVEST_CLI, ...harvestArgs];
    } else if (useLibrary) {
      how = "harvest runCommand (node; apps/cli not built)";
      command = process.execPath;
      args = [join(BENCH_DIR, "runners/harvest-run-command.mjs"), ...harvestArgs];
    } else {
      how = "petfinder client only (API phase; harvest not built)";
      command = process.execPath;
      args = [join(BENCH_DIR, "runners/api-phase.mjs"), "--api-url", emulator.url];
    }
    log(`  ${how}: ${[command, ...args].map((a) => a.replace(REPO_DIR + "/", "")).join(" ")}`);
    const emuBefore = await emulator.cpuSeconds();
    const poll = pollStats(emulator.url);
    const cost = await runMeasured(command, args, { env, cwd: workDir, timeoutSec: 1800 });
    const { spans } = await poll.stop();
    const emulatorCpuSec = (await emulator.cpuSeconds()) - emuBefore;
    let stored = 0;
    try {
      const summary = JSON.parse(
        cost.stdout
          .trim()
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .at(-1) ?? "{}",
      ) as { stored?: number; records?: number };
      stored = summary.stored ?? 0;
    } catch {
      // not JSON: leave 0
    }
    const result: HarvestResult = {
      how,
      scale: options.harvestScale,
      rateLimit: options.rateLimit,
      ...(ceiling !== undefined ? { clientCeiling: ceiling } : {}),
      apiRequests: spans.apiRequests,
      apiPhaseSec: spans.apiSec,
      apiRequestsPerSec: spans.apiRequests / spans.apiSec,
      tooMany: spans.api429,
      photoRequests: spans.photoRequests,
      downloadPhaseSec: spans.photoSec,
      overlapSec: spans.overlapSec,
      stored,
      wallSec: cost.wallSec,
      cpuSec: cost.userSec + cost.sysSec,
      peakRssMB: cost.peakRssMB,
      emulatorCpuSec,
      exitCode: cost.exitCode,
    };
    if (cost.exitCode !== 0) result.note = `exit ${cost.exitCode}: ${(cost.stderr || cost.stdout).trim().split("\n").slice(-2).join(" / ").slice(0, 300)}`;
    log(
      `  API ${result.apiRequests} requests in ${result.apiPhaseSec.toFixed(1)} s = ${result.apiRequestsPerSec.toFixed(1)}/s, ${result.tooMany} x 429; ` +
        `photos ${result.photoRequests} in ${result.downloadPhaseSec.toFixed(1)} s (overlap ${result.overlapSec.toFixed(1)} s); stored ${stored}; ` +
        `wall ${result.wallSec.toFixed(1)} s, CPU ${result.cpuSec.toFixed(1)} s (emulator ${result.emulatorCpuSec.toFixed(1)} s), ${result.peakRssMB.toFixed(0)} MB${result.note ? `  !! ${result.note}` : ""}`,
    );
    results.push(result);
    await rm(join(workDir, "harvest"), { recursive: true, force: true });
  } finally {
    await emulator.stop();
  }
  // The API phase alone, at the client's default ceiling and at a ceiling equal to the limit.
  if (!useCli && !useLibrary) return results;
  if (ceiling !== undefined && ceiling !== options.rateLimit) results.push(await apiOnly(options, undefined, ceiling, log));
  // 96% of the limit: the ceiling the README proposes as the client's default
  const proposed = Math.floor(options.rateLimit * 0.96);
  if (proposed !== ceiling && proposed < options.rateLimit) results.push(await apiOnly(options, proposed, proposed, log));
  results.push(await apiOnly(options, options.rateLimit, options.rateLimit, log));
  return results;
}

/** `rps` undefined runs the client at its default ceiling (`shownCeiling`). */
async function apiOnly(options: BenchOptions, rps: number | undefined, shownCeiling: number | undefined, log: (line: string) => void): Promise<HarvestResult> {
  const emulator = await startEmulatorProcess({ scale: options.harvestScale, latencyMs: 0, rateLimit: options.rateLimit });
  try {
    const emuBefore = await emulator.cpuSeconds();
    const poll = pollStats(emulator.url);
    const cost = await runMeasured(
      process.execPath,
      [join(BENCH_DIR, "runners/api-phase.mjs"), "--api-url", emulator.url, ...(rps === undefined ? [] : ["--rps", String(rps)])],
      { timeoutSec: 900 },
    );
    const { spans } = await poll.stop();
    const emulatorCpuSec = (await emulator.cpuSeconds()) - emuBefore;
    const r: HarvestResult = {
      how: `petfinder client alone, ${rps === undefined ? "default ceiling" : `ceiling set to ${rps}/s`}`,
      scale: options.harvestScale,
      rateLimit: options.rateLimit,
      ...(shownCeiling !== undefined ? { clientCeiling: shownCeiling } : {}),
      apiRequests: spans.apiRequests,
      apiPhaseSec: spans.apiSec,
      apiRequestsPerSec: spans.apiRequests / spans.apiSec,
      tooMany: spans.api429,
      photoRequests: 0,
      downloadPhaseSec: 0,
      overlapSec: 0,
      stored: 0,
      wallSec: cost.wallSec,
      cpuSec: cost.userSec + cost.sysSec,
      peakRssMB: cost.peakRssMB,
      emulatorCpuSec,
      exitCode: cost.exitCode,
    };
    if (cost.exitCode !== 0) r.note = `exit ${cost.exitCode}: ${(cost.stderr || cost.stdout).trim().split("\n").slice(-2).join(" / ").slice(0, 300)}`;
    log(
      `  ${r.how}: ${r.apiRequests} requests in ${r.apiPhaseSec.toFixed(1)} s = ${r.apiRequestsPerSec.toFixed(1)}/s, ${r.tooMany} x 429; client CPU ${r.cpuSec.toFixed(1)} s, emulator CPU ${r.emulatorCpuSec.toFixed(1)} s`,
    );
    return r;
  } finally {
    await emulator.stop();
  }
}
