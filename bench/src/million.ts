import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BenchOptions } from "./args.js";
import { startServerProcess, type EmulatorProcess } from "./emulator-process.js";
import { runMeasured } from "./measure.js";
import { checkSample, parseSummary, type CommandSummary, type SampleCheck } from "./million-check.js";
import { tracePhases, type PhasePeaks } from "./million-phases.js";
import { BENCH_DIR, CAT_HARVEST_CLI, NODE_BIN_DIR } from "./paths.js";
import type { Runtime } from "./tools.js";
import { writeUrlList, type UrlListFormat } from "./url-list.js";

/** The output formats of `cat-harvest download` the section measures. */
export type OutputFormat = "files" | "webdataset";

/** One measured `cat-harvest download` run (or one skipped, with why). */
export interface MillionRun {
  runtime: Runtime;
  format: OutputFormat;
  urls: number;
  /** "fresh" into an empty DEST, or "resume": the same command again on the finished DEST. */
  kind: "fresh" | "resume";
  wallSec: number;
  cpuSec: number;
  peakRssMB: number;
  /** CPU seconds the bulk CDN spent meanwhile (its own process). */
  cdnCpuSec: number;
  exitCode: number;
  summary?: CommandSummary;
  sample?: SampleCheck;
  /** DEST's size on disk after the run, MB (du). */
  diskMB?: number;
  /** Stopped by `--million-cap-sec` before it finished: its figures are lower bounds. */
  capped?: boolean;
  /** Peak RSS by phase (shards, finishShards, report), sampled from /proc. */
  phases?: PhasePeaks;
  /** Set when the run was not made: the reason. */
  skipped?: string;
  note?: string;
}

/** The bulk CDN's seed: the bench derives each URL's expected sha256 from it. */
const CDN_SEED = 1;
const BULK_CDN_RUNNER = join(BENCH_DIR, "runners/bulk-cdn.mjs");

/** What the built command's `download --help` offers. */
interface DownloadFlags {
  format: boolean;
  gzipInput: boolean;
}

function downloadFlags(): DownloadFlags | undefined {
  if (!existsSync(CAT_HARVEST_CLI)) return undefined;
  const r = spawnSync(process.execPath, [CAT_HARVEST_CLI, "download", "--help"], { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) return undefined;
  const help = r.stdout + r.stderr;
  // the --input flag's own line: DEST's help names .tar.gz archives, which are not lists
  const inputLine = help.split("\n").find((l) => /^\s*(-i, )?--input\b/.test(l)) ?? "";
  return { format: /^\s*--format\b/m.test(help), gzipInput: /\.gz\b|gzip/i.test(inputLine) };
}

function runtimeCommand(runtime: Runtime): string {
  return runtime === "node" ? process.execPath : join(NODE_BIN_DIR, "bun");
}

/** Why a (format, input) pair cannot run on this build, or undefined when it can. */
function whySkip(format: OutputFormat, input: UrlListFormat, flags: DownloadFlags): string | undefined {
  if (format === "webdataset" && !flags.format) {
    return "skipped: this build's `cat-harvest download` has no --format flag yet (issue 15's shard engine); run again after it lands";
  }
  if (input.endsWith(".gz") && !flags.gzipInput) return `skipped: this build's \`cat-harvest download\` does not read .gz lists (--million-input ${input})`;
  return undefined;
}

/** du -sk, in MB; outside the timed run. */
function diskMB(dir: string): number | undefined {
  const r = spawnSync("du", ["-sk", dir], { encoding: "utf8" });
  const kb = Number(r.stdout.split("\t")[0]);
  return r.status === 0 && Number.isFinite(kb) ? kb / 1024 : undefined;
}

/** Deletes a DEST: GNU rm (a million files in minutes less than node's fs.rm), fs.rm where it fails. */
async function removeDest(dir: string): Promise<void> {
  if (spawnSync("rm", ["-rf", "--", dir]).status !== 0) await rm(dir, { recursive: true, force: true });
}

interface RunPlan {
  runtime: Runtime;
  format: OutputFormat;
  urls: number;
  kind: "fresh" | "resume";
  list: string;
  dest: string;
  flags: DownloadFlags;
  /** Ctrl-C the command after this many seconds (`--million-cap-sec`). */
  capSec: number | undefined;
}

/** One `cat-harvest download` under GNU time, then its summary, a checked sample and its size on disk. */
async function measureRun(plan: RunPlan, cdn: EmulatorProcess, log: (line: string) => void): Promise<MillionRun> {
  const args = [CAT_HARVEST_CLI, "download", "--input", plan.list, "--out", plan.dest, "--json"];
  if (plan.flags.format) args.push("--format", plan.format);
  const command = [runtimeCommand(plan.runtime), ...args];
  // coreutils timeout under GNU time: the command gets Ctrl-C at the cap and GNU time still reports it
  const capped = plan.capSec === undefined ? command : ["timeout", "--signal=INT", "--kill-after=120", String(plan.capSec), ...command];
  const cdnBefore = await cdn.cpuSeconds();
  const trace = tracePhases(plan.dest, plan.format);
  const cost = await runMeasured(capped[0]!, capped.slice(1), { timeoutSec: 24 * 3600 });
  const phases = trace.stop();
  const run: MillionRun = {
    runtime: plan.runtime,
    format: plan.format,
    urls: plan.urls,
    kind: plan.kind,
    wallSec: cost.wallSec,
    cpuSec: cost.userSec + cost.sysSec,
    peakRssMB: cost.peakRssMB,
    cdnCpuSec: (await cdn.cpuSeconds()) - cdnBefore,
    exitCode: cost.exitCode,
    phases,
  };
  const summary = parseSummary(cost.stdout);
  if (summary) run.summary = summary;
  const sample = await checkSample(plan.dest, CDN_SEED);
  if (sample) run.sample = sample;
  const disk = diskMB(plan.dest);
  if (disk !== undefined) run.diskMB = disk;
  if (plan.capSec !== undefined && cost.wallSec >= plan.capSec) {
    run.capped = true;
    run.note = `stopped by --million-cap-sec ${plan.capSec} (Ctrl-C, exit ${cost.exitCode}) with ${summary?.stored ?? "?"} of ${plan.urls} stored`;
  } else if (cost.exitCode !== 0) run.note = `exit ${cost.exitCode}: ${(cost.stderr || cost.stdout).trim().split("\n").slice(-2).join(" / ").slice(0, 300)}`;
  log(
    `  ${plan.runtime} ${plan.format} ${plan.urls.toLocaleString("en-US")} ${plan.kind}: ${run.wallSec.toFixed(1)} s, CPU ${run.cpuSec.toFixed(1)} s, ` +
      `peak RSS ${run.peakRssMB.toFixed(0)} MB (shards ${phases.shards.toFixed(0)}, finish ${phases.finish.toFixed(0)}, report ${phases.report.toFixed(0)}), stored ${summary?.stored ?? "?"}, sample ${sample ? `${sample.checked - sample.wrong}/${sample.checked} right` : "none"}` +
      `${disk !== undefined ? `, ${disk.toFixed(0)} MB on disk` : ""}${run.note ? `  !! ${run.note}` : ""}`,
  );
  return run;
}

function skippedRun(runtime: Runtime, format: OutputFormat, urls: number, kind: "fresh" | "resume", why: string): MillionRun {
  return { runtime, format, urls, kind, wallSec: Number.NaN, cpuSec: Number.NaN, peakRssMB: Number.NaN, cdnCpuSec: Number.NaN, exitCode: -1, skipped: why };
}

/** Writes one streamed list per size (the CDN's port is in every URL). */
async function writeLists(options: BenchOptions, dir: string, origin: string, log: (line: string) => void): Promise<Map<number, string>> {
  await mkdir(dir, { recursive: true });
  const lists = new Map<number, string>();
  for (const urls of options.millionSizes) {
    const list = join(dir, `urls-${urls}.${options.millionInput}`);
    const started = performance.now();
    await writeUrlList(list, origin, urls, options.millionInput);
    log(`  list of ${urls.toLocaleString("en-US")} URLs (${options.millionInput}) written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    lists.set(urls, list);
  }
  return lists;
}

/** Every size for one (format, runtime), fresh into an emptied DEST; the largest also resumed with nothing left to do. */
async function runSizes(
  base: Omit<RunPlan, "urls" | "kind" | "list">,
  lists: Map<number, string>,
  cdn: EmulatorProcess,
  log: (line: string) => void,
): Promise<MillionRun[]> {
  const runs: MillionRun[] = [];
  const sizes = [...lists.keys()];
  const largest = Math.max(...sizes);
  for (const urls of sizes) {
    const plan: RunPlan = { ...base, urls, kind: "fresh", list: lists.get(urls)! };
    await removeDest(plan.dest);
    const fresh = await measureRun(plan, cdn, log);
    runs.push(fresh);
    if (urls === largest && fresh.exitCode === 0) runs.push(await measureRun({ ...plan, kind: "resume" }, cdn, log));
    else if (urls === largest) runs.push(skippedRun(base.runtime, base.format, urls, "resume", "skipped: the fresh run did not finish"));
    await removeDest(plan.dest);
  }
  return runs;
}

/**
 * The million section: `cat-harvest download` (apps/cli, the built bundle) under each runtime
 * and output format on 10k, 100k and 1M distinct URLs from a bulk CDN in its own process,
 * peak RSS and wall time from GNU time, then the largest run again with nothing left to do.
 * Runs one at a time; each DEST is deleted once measured.
 */
export async function benchMillion(options: BenchOptions, workDir: string, log: (line: string) => void): Promise<MillionRun[]> {
  const flags = downloadFlags();
  if (!flags) {
    log("Million: skipped, apps/cli is not built or `cat-harvest download --help` fails (npm run build -w apps/cli).");
    return [];
  }
  const sizes = options.millionSizes.map((n) => n.toLocaleString("en-US")).join(", ");
  log(
    `Million: cat-harvest download of ${sizes} URLs (${options.millionInput}), ${options.millionFormats.join(" and ")}, under ${options.millionRuntimes.join(" and ")}`,
  );
  const cdn = await startServerProcess([BULK_CDN_RUNNER, "--port", "0", "--seed", String(CDN_SEED), "--latency-ms", "0"]);
  const dir = join(workDir, "million");
  try {
    const lists = await writeLists(options, dir, cdn.url, log);
    const runs: MillionRun[] = [];
    for (const format of options.millionFormats) {
      const skip = whySkip(format, options.millionInput, flags);
      for (const runtime of options.millionRuntimes) {
        if (skip) {
          log(`  ${runtime} ${format}: ${skip}`);
          runs.push(...options.millionSizes.map((urls) => skippedRun(runtime, format, urls, "fresh", skip)));
          continue;
        }
        runs.push(...(await runSizes({ runtime, format, dest: join(dir, "out"), flags, capSec: options.millionCapSec }, lists, cdn, log)));
      }
    }
    return runs;
  } finally {
    await cdn.stop();
    await removeDest(dir);
  }
}
