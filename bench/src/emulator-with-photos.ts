import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process.js";
import { fetchTruth, pickJobs, type BenchJob } from "./jobs.js";

/** Full-size photos per unit of emulator scale, learnt from the first truth this run reads. */
let photosPerScale = 45_000;

export interface EmulatorWithJobs {
  emulator: EmulatorProcess;
  jobs: BenchJob[];
  scale: number;
  /** Full-size photos the emulator serves in total. */
  available: number;
}

/**
 * Starts an emulator process at the smallest scale (rounded up) that serves `count`
 * full-size photos and returns the first `count` of them as jobs.
 */
export async function startEmulatorWithPhotos(count: number, latencyMs: number, rateLimit: number, log: (line: string) => void): Promise<EmulatorWithJobs> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const scale = Math.max(0.01, Math.ceil((count / photosPerScale) * 1.15 * 100) / 100);
    const emulator = await startEmulatorProcess({ scale, latencyMs, rateLimit });
    const truth = await fetchTruth(emulator.url, "size=full");
    const full = truth.filter((r) => r.size === "full").length;
    if (full > 0) photosPerScale = full / scale;
    if (full >= count) {
      log(`  emulator pid ${emulator.pid} at ${emulator.url}: scale ${scale}, latency ${latencyMs} ms, ${full} full-size photos`);
      return { emulator, jobs: pickJobs(truth, count), scale, available: full };
    }
    await emulator.stop();
    if (full === 0) throw new Error(`The emulator's truth lists no full-size photos at scale ${scale}.`);
  }
  throw new Error(`Could not find an emulator scale with ${count} full-size photos.`);
}
