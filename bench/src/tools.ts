import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { verifyCommandOutput } from "./command-output.js";
import type { BenchJob, VerifyResult } from "./jobs.js";
import { BENCH_DIR, CAT_HARVEST_CLI, NODE_BIN_DIR } from "./paths.js";

/** Where the cat-harvest downloader runs: Bun is what the `cat-harvest` command runs on. */
export type Runtime = "node" | "bun";

/** A command line that downloads the bench's job list into `outDir`. */
export interface ToolCommand {
  tool: string;
  /** Concurrency as the tool understands it; undefined = the tool's default. */
  concurrency: number | undefined;
  command: string;
  args: string[];
  /** How its output is checked, when it does not write each job to `<outDir>/<job.key>`. */
  verify?: (jobs: readonly BenchJob[], outDir: string) => Promise<VerifyResult>;
}

export interface JobLists {
  jsonl: string;
  tsv: string;
  aria2: string;
  /** One URL a line, for `cat-harvest download`. */
  txt: string;
}

/**
 * cat-harvest's downloader into storage-fs, in a plain node process running built dist/.
 * `fsync` defaults to "metadata", what the harvest and `cat-harvest download` open a folder
 * with (photos are renamed into place without fsync, like aria2c and the ThreadPool write them).
 * `runner`: another copy of the runner (an earlier build, for before/after rows).
 */
export function catHarvestCommand(
  lists: JobLists,
  outDir: string,
  concurrency?: number,
  {
    runtime = "node",
    fsync = "metadata",
    maxBufferedBytes,
    runtimeArgs = [],
    runner,
    nodeHttp = false,
  }: {
    runtime?: Runtime;
    fsync?: "always" | "metadata" | "never";
    maxBufferedBytes?: number;
    runtimeArgs?: string[];
    runner?: string;
    nodeHttp?: boolean;
  } = {},
): ToolCommand {
  const args = [...runtimeArgs, runner ?? join(BENCH_DIR, "runners/cat-harvest-download.mjs"), "--jobs", lists.jsonl, "--out", outDir, "--fsync", fsync];
  if (concurrency !== undefined) args.push("--concurrency", String(concurrency));
  if (maxBufferedBytes !== undefined) args.push("--max-buffered-bytes", String(maxBufferedBytes));
  if (nodeHttp) args.push("--fetch", "node-http");
  const variant = [
    fsync === "metadata" ? "" : ` fsync=${fsync}`,
    maxBufferedBytes === 0 ? " streamed" : "",
    nodeHttp ? " node:http fetch" : "",
    runner ? " before" : "",
  ].join("");
  return {
    tool: `cat-harvest (${runtime})${variant}`,
    concurrency,
    command: runtime === "node" ? process.execPath : join(NODE_BIN_DIR, "bun"),
    args,
  };
}

/**
 * The `cat-harvest download` command itself (the apps/cli bundle, under Bun as it ships, or
 * Node), at its defaults: it places files itself, so its rows are checked from its shard rows.
 */
export function commandDownloadCommand(
  lists: JobLists,
  outDir: string,
  format: "files" | "webdataset",
  { runtime = "bun", noReport = false }: { runtime?: Runtime; noReport?: boolean } = {},
): ToolCommand {
  return {
    tool: `cat-harvest download (${runtime}) ${format}${noReport ? " --no-report" : ""}`,
    concurrency: undefined,
    command: runtime === "node" ? process.execPath : join(NODE_BIN_DIR, "bun"),
    args: [CAT_HARVEST_CLI, "download", "--input", lists.txt, "--out", outDir, "--format", format, "--json", ...(noReport ? ["--no-report"] : [])],
    verify: (jobs, dir) => verifyCommandOutput(jobs, dir, format),
  };
}

/** aria2c at `-j N`, one connection per item, overwriting, quiet, `out=` lines under `-d`. */
export function aria2Command(lists: JobLists, outDir: string, concurrency: number): ToolCommand {
  return {
    tool: "aria2c",
    concurrency,
    command: "aria2c",
    args: ["-i", lists.aria2, "-d", outDir, "-j", String(concurrency), "-x1", "--allow-overwrite=true", "--auto-file-renaming=false", "-q"],
  };
}

/** The 2018 write-up's method: ThreadPool(20) + urllib.request. */
export function writeupCommand(lists: JobLists, outDir: string, threads = 20): ToolCommand {
  return {
    tool: "python ThreadPool",
    concurrency: threads,
    command: "python3",
    args: [join(BENCH_DIR, "baselines/writeup_threadpool.py"), lists.tsv, outDir, String(threads)],
  };
}

/** `aria2c --version`'s first line, or undefined when aria2c is not installed. */
export function aria2Version(): string | undefined {
  const r = spawnSync("aria2c", ["--version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout.split("\n")[0];
}

export const ARIA2_INSTALL_HINT =
  "aria2c is not installed, so the aria2c rows are skipped. Install it with `sudo apt-get install -y aria2` (Debian/Ubuntu) or `brew install aria2` (macOS).";
