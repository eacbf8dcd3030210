import { join } from "node:path";
import { rm } from "node:fs/promises";
import type { BenchOptions } from "./args.js";
import { measureDownload, type DownloadRun } from "./downloads.js";
import { startEmulatorWithPhotos } from "./emulator-with-photos.js";
import { writeJobLists } from "./jobs.js";
import { catHarvestCommand } from "./tools.js";

export interface ScaleResult {
  runtime: "node" | "bun";
  small: DownloadRun;
  large: DownloadRun;
  /** large wall time / small wall time */
  timeRatio: number;
  /** large photos / small photos */
  countRatio: number;
  /** large peak RSS / small peak RSS */
  rssRatio: number;
}

/** cat-harvest's downloader at its defaults on N and 10N photos from one emulator, into a real folder. */
export async function benchScale(options: BenchOptions, workDir: string, log: (line: string) => void, catHarvestReady: boolean): Promise<ScaleResult[]> {
  if (!catHarvestReady) {
    log("Scale: skipped, cat-harvest's downloader or storage-fs is not built.");
    return [];
  }
  log(
    `Scale: ${options.scaleSmall} versus ${options.scaleLarge} full-size photos, latency 0, cat-harvest at its defaults under ${options.scaleRuntimes.join(" and ")}`,
  );
  const { emulator, jobs } = await startEmulatorWithPhotos(options.scaleLarge, 0, 0, log);
  try {
    const smallJobs = jobs.slice(0, options.scaleSmall);
    const smallLists = await writeJobLists(smallJobs, join(workDir, "scale-small"));
    const largeLists = await writeJobLists(jobs, join(workDir, "scale-large"));
    const outDir = join(workDir, "scale-out");
    const results: ScaleResult[] = [];
    for (const runtime of options.scaleRuntimes) {
      // hash a sample only: every size is still checked
      const small = await measureDownload(catHarvestCommand(smallLists, outDir, undefined, { runtime }), smallJobs, outDir, emulator, 0, log, 2000);
      const large = await measureDownload(catHarvestCommand(largeLists, outDir, undefined, { runtime }), jobs, outDir, emulator, 0, log, 2000);
      await rm(outDir, { recursive: true, force: true });
      results.push({
        runtime,
        small,
        large,
        timeRatio: large.wallSec / small.wallSec,
        countRatio: jobs.length / smallJobs.length,
        rssRatio: large.peakRssMB / small.peakRssMB,
      });
    }
    return results;
  } finally {
    await emulator.stop();
  }
}
