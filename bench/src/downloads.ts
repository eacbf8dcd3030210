import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BenchOptions } from "./args.js";
import { startEmulatorWithPhotos } from "./emulator-with-photos.js";
import { verifyOutput, writeJobLists, type BenchJob } from "./jobs.js";
import { runMeasured } from "./measure.js";
import {
  ARIA2_INSTALL_HINT,
  aria2Command,
  aria2Version,
  catHarvestCommand,
  commandDownloadCommand,
  writeupCommand,
  type JobLists,
  type ToolCommand,
} from "./tools.js";
import { BENCH_DIR, CAT_HARVEST_CLI } from "./paths.js";
import { summarizeProfile } from "./profile-summary.js";
import type { EmulatorProcess } from "./emulator-process.js";
import { FreshOutFolders } from "./fresh-out-folders.js";

/** One measured download run. */
export interface DownloadRun {
  latencyMs: number;
  tool: string;
  /** "default" or the number. */
  concurrency: string;
  images: number;
  ok: number;
  failed: number;
  wallSec: number;
  imagesPerSec: number;
  cpuSecPer1000: number;
  peakRssMB: number;
  emulatorCpuSec: number;
  exitCode: number;
  note?: string;
}

export async function measureDownload(
  cmd: ToolCommand,
  jobs: readonly BenchJob[],
  outDir: string,
  emulator: EmulatorProcess,
  latencyMs: number,
  log: (line: string) => void,
  hashLimit = Infinity,
): Promise<DownloadRun> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const emuBefore = await emulator.cpuSeconds();
  const cost = await runMeasured(cmd.command, cmd.args, { timeoutSec: 1800 });
  const emuAfter = await emulator.cpuSeconds();
  const verified = cmd.verify ? await cmd.verify(jobs, outDir) : await verifyOutput(jobs, outDir, hashLimit);
  const cpu = cost.userSec + cost.sysSec;
  const run: DownloadRun = {
    latencyMs,
    tool: cmd.tool,
    concurrency: cmd.concurrency === undefined ? "default" : String(cmd.concurrency),
    images: jobs.length,
    ok: verified.ok,
    failed: verified.missing + verified.wrong,
    wallSec: cost.wallSec,
    imagesPerSec: verified.ok / cost.wallSec,
    cpuSecPer1000: (cpu / Math.max(1, verified.ok)) * 1000,
    peakRssMB: cost.peakRssMB,
    emulatorCpuSec: emuAfter - emuBefore,
    exitCode: cost.exitCode,
  };
  if (cost.exitCode !== 0 || run.failed > 0) {
    const tail = (cost.stderr || cost.stdout).trim().split("\n").slice(-3).join(" / ").slice(0, 300);
    run.note = `exit ${cost.exitCode}, ${verified.missing} missing, ${verified.wrong} wrong${tail ? `: ${tail}` : ""}`;
  }
  log(
    `  ${run.tool.padEnd(18)} c=${run.concurrency.padEnd(7)} ${run.ok}/${run.images} ok  ${run.wallSec.toFixed(2)} s  ${run.imagesPerSec.toFixed(0)} img/s  ` +
      `${run.cpuSecPer1000.toFixed(2)} CPU s/1k  ${run.peakRssMB.toFixed(0)} MB  (emulator ${run.emulatorCpuSec.toFixed(1)} CPU s)${run.note ? `  !! ${run.note}` : ""}`,
  );
  return run;
}

/** Lines the `--cpu-prof` diagnosis printed, for the report. */
export const DIAGNOSIS: string[] = [];

/**
 * Where a default run's time goes: per-job means from `--trace` (stat, fetch to headers, put)
 * under Bun and Node, with folder and memory storage, and a `node --cpu-prof` profile by category.
 */
async function diagnose(lists: JobLists, outDir: string, latencyMs: number, print: (line: string) => void): Promise<void> {
  const log = (line: string) => {
    print(line);
    DIAGNOSIS.push(line.trimEnd());
  };
  log(`  diagnosis at latency ${latencyMs} ms, default concurrency (trace: mean ms per job in storage.stat, in fetch until headers, in storage.put):`);
  for (const runtime of ["bun", "node"] as const) {
    for (const storage of ["fs", "memory"]) {
      await rm(outDir, { recursive: true, force: true });
      const cmd = catHarvestCommand(lists, outDir, undefined, { runtime });
      const cost = await runMeasured(cmd.command, [...cmd.args, "--trace", "--storage", storage], { timeoutSec: 900 });
      const trace = cost.stdout.trim().split("\n").at(-1) ?? "";
      log(`    ${runtime} ${storage.padEnd(6)} ${cost.wallSec.toFixed(2)} s wall, per job: ${trace}`);
    }
  }
  const dir = join(BENCH_DIR, ".profiles", `node-default-latency-${latencyMs}-${Date.now()}`);
  await rm(outDir, { recursive: true, force: true });
  const cmd = catHarvestCommand(lists, outDir, undefined, { runtime: "node", runtimeArgs: ["--cpu-prof", "--cpu-prof-dir", dir] });
  await runMeasured(cmd.command, cmd.args, { timeoutSec: 900 });
  for (const line of await summarizeProfile(dir)) log(`    ${line}`);
  log(`    profile kept in ${dir} (open it in Chrome DevTools > Performance)`);
}

/** The bytes one run of `jobs` writes (for the disk check before keeping each run's output). */
function totalBytes(jobs: readonly BenchJob[]): number {
  return jobs.reduce((n, j) => n + j.bytes, 0);
}

/** The run with the median images/s, its CPU per image replaced by the median CPU per image of all the runs. */
function median(runs: DownloadRun[]): DownloadRun {
  const middle = <T>(sorted: T[]) => sorted[Math.floor(sorted.length / 2)]!;
  const run = middle([...runs].sort((a, b) => a.imagesPerSec - b.imagesPerSec));
  return { ...run, cpuSecPer1000: middle(runs.map((r) => r.cpuSecPer1000).sort((a, b) => a - b)) };
}

/** The built downloader's default concurrency (imported after the bench has built it). */
export async function downloaderDefaultConcurrency(): Promise<number | undefined> {
  try {
    return (await import("@cat-harvest/downloader")).DEFAULT_CONCURRENCY;
  } catch {
    return undefined;
  }
}

/** Every tool on the same URL list, at each latency; the median of `repeat` runs each. */
export async function benchDownloads(options: BenchOptions, workDir: string, log: (line: string) => void, catHarvestReady: boolean): Promise<DownloadRun[]> {
  const results: DownloadRun[] = [];
  const hasAria2 = aria2Version() !== undefined;
  const defaultConcurrency = await downloaderDefaultConcurrency();
  if (!hasAria2) log(`  ${ARIA2_INSTALL_HINT}`);
  if (!catHarvestReady) log("  cat-harvest's downloader or storage-fs is not built: its rows are skipped.");
  for (const latencyMs of options.latencies) {
    log(`Downloads at latency ${latencyMs} ms, ${options.count} full-size photos per configuration`);
    // the CDN is not what the API rate limit protects; 0 = unlimited
    const { emulator, jobs } = await startEmulatorWithPhotos(options.count, latencyMs, 0, log);
    try {
      const lists = await writeJobLists(jobs, join(workDir, `lists-${latencyMs}`));
      const outDir = join(workDir, "out");
      const commands: Array<(out: string) => ToolCommand> = [];
      if (catHarvestReady) {
        for (const runtime of ["bun", "node"] as const) {
          commands.push((out) => catHarvestCommand(lists, out, undefined, { runtime }));
          for (const c of options.concurrencies) commands.push((out) => catHarvestCommand(lists, out, c, { runtime }));
        }
        // the fetch `cat-harvest download` uses under Node, on node:http
        commands.push((out) => catHarvestCommand(lists, out, undefined, { runtime: "node", nodeHttp: true }));
        // storage-fs on its own defaults to fsync "always": one row shows what that costs
        commands.push((out) => catHarvestCommand(lists, out, undefined, { fsync: "always" }));
        // maxBufferedBytes 0: every body streams into storage, as before bodies were read whole
        commands.push((out) => catHarvestCommand(lists, out, undefined, { runtime: "bun", maxBufferedBytes: 0 }));
        const runner = options.baseline;
        if (runner) for (const runtime of ["bun", "node"] as const) commands.push((out) => catHarvestCommand(lists, out, undefined, { runtime, runner }));
      }
      // the command as users run it: the bundle, under Bun, at its defaults
      if (existsSync(CAT_HARVEST_CLI)) {
        for (const format of ["files", "webdataset"] as const) commands.push((out) => commandDownloadCommand(lists, out, format));
        // without the report (thumbnails, report.html), to show what it adds to the default
        commands.push((out) => commandDownloadCommand(lists, out, "files", { noReport: true }));
        for (const format of ["files", "webdataset"] as const) commands.push((out) => commandDownloadCommand(lists, out, format, { runtime: "node" }));
      } else log("  apps/cli is not built (npm run build -w apps/cli): the `cat-harvest download` rows are skipped.");
      // aria2c also at the downloader's default concurrency, so the default rows have a peer
      const ariaConcurrencies = [...new Set([...options.concurrencies, ...(defaultConcurrency ? [defaultConcurrency] : [])])].sort((a, b) => a - b);
      if (hasAria2) for (const c of ariaConcurrencies) commands.push((out) => aria2Command(lists, out, c));
      commands.push((out) => writeupCommand(lists, out));
      const folders = new FreshOutFolders(join(workDir, `runs-${latencyMs}`), totalBytes(jobs), log);
      const byConfig = new Map<string, DownloadRun[]>();
      for (let r = 0; r < options.repeat; r++) {
        for (const make of commands) {
          const out = await folders.next();
          const cmd = make(out);
          const run = await measureDownload(cmd, jobs, out, emulator, latencyMs, log);
          const key = `${cmd.tool}|${run.concurrency}`;
          byConfig.set(key, [...(byConfig.get(key) ?? []), run]);
        }
      }
      for (const runs of byConfig.values()) results.push(median(runs));
      await folders.clear();
      if (options.cpuProf && catHarvestReady) await diagnose(lists, outDir, latencyMs, log);
      await rm(outDir, { recursive: true, force: true });
    } finally {
      await emulator.stop();
    }
  }
  return results;
}
