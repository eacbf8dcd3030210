/**
 * cat-harvest benchmarks (issue 8): downloads against aria2c and the 2018 write-up's
 * ThreadPool, the whole harvest against the emulator's rate limit, 10k vs 100k photos,
 * and start-up. Every server is an emulator in its own process on 127.0.0.1.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseBenchArgs, USAGE } from "./src/args.js";
import { buildProjects } from "./src/build.js";
import { benchDownloads, DIAGNOSIS, downloaderDefaultConcurrency, type DownloadRun } from "./src/downloads.js";
import { benchHarvest, type HarvestResult } from "./src/harvest.js";
import { machineInfo } from "./src/machine.js";
import { EMULATOR_CLI } from "./src/paths.js";
import { benchMillion, type MillionRun } from "./src/million.js";
import { renderReport, writeResults } from "./src/report.js";
import { benchScale, type ScaleResult } from "./src/scale.js";
import { benchStartup, type StartupResult } from "./src/startup.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  let options;
  try {
    const parsed = parseBenchArgs(process.argv.slice(2));
    if (parsed === "help") {
      process.stdout.write(USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    log(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const machine = machineInfo();
  log(`cat-harvest bench on ${machine.cpuModel}, ${machine.nproc} cores, node ${machine.node}`);
  log("Building the packages under test (tsc -b)");
  const built = buildProjects(log);
  const downloaderReady = Boolean(built.get("packages/downloader") && built.get("packages/storage-fs"));
  if (!existsSync(EMULATOR_CLI)) {
    log("The emulator is not built, so nothing can be measured. Build it: npx tsc -b packages/petfinder-emulator");
    return 1;
  }
  const loadBefore = loadavg();
  const workDir = await mkdtemp(join(tmpdir(), "cat-harvest-bench-"));
  const started = Date.now();
  let downloads: DownloadRun[] = [];
  let harvest: HarvestResult[] = [];
  let scale: ScaleResult[] = [];
  let startup: StartupResult[] = [];
  let million: MillionRun[] = [];
  const errors: string[] = [];
  const section = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (error) {
      const message = `${name}: ${(error as Error).message}`;
      errors.push(message);
      log(`  !! ${message}`);
      return undefined;
    }
  };
  try {
    if (options.sections.includes("downloads")) {
      downloads = (await section("downloads", () => benchDownloads(options, workDir, log, downloaderReady))) ?? [];
    }
    if (options.sections.includes("harvest")) {
      harvest = (await section("harvest", () => benchHarvest(options, workDir, log, built))) ?? [];
    }
    if (options.sections.includes("scale")) {
      scale = (await section("scale", () => benchScale(options, workDir, log, downloaderReady))) ?? [];
    }
    if (options.sections.includes("startup")) {
      startup = (await section("startup", () => benchStartup(options, log, built))) ?? [];
    }
    if (options.sections.includes("million")) {
      million = (await section("million", () => benchMillion(options, workDir, log))) ?? [];
    }
  } finally {
    if (!options.keep) await rm(workDir, { recursive: true, force: true });
    else log(`Kept ${workDir}`);
  }
  const defaultConcurrency = downloaderReady ? await downloaderDefaultConcurrency() : undefined;
  const results = {
    diagnosis: DIAGNOSIS,
    loadBefore,
    loadAfter: loadavg(),
    machine,
    options,
    date: new Date().toISOString(),
    durationSec: (Date.now() - started) / 1000,
    downloads,
    defaultConcurrency,
    harvest,
    scale,
    startup,
    million,
    errors,
  };
  const report = renderReport(results);
  process.stdout.write(`\n${report}\n`);
  await writeResults(results, report, options.writeReadme, log);
  return 0;
}

process.exitCode = await main();
