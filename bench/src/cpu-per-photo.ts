import type { DownloadRun } from "./downloads.js";
import { fmt, formatTable } from "./table.js";
import { check, type TargetResult } from "./targets.js";

/** What issue 15 asks of the default rows: CPU per photo at most aria2c's, and this many times the ThreadPool's images/s. */
export const THREADPOOL_SPEEDUP_TARGET = 2.5;

/** The rows of one latency the CPU-per-photo table compares: cat-harvest at its defaults, aria2c at the same concurrency, the ThreadPool. */
function peers(downloads: readonly DownloadRun[], latencyMs: number, defaultConcurrency: number | undefined) {
  const at = downloads.filter((d) => d.latencyMs === latencyMs);
  const ours = at.filter(
    (d) =>
      (d.tool.startsWith("cat-harvest (") || d.tool.startsWith("cat-harvest download (")) &&
      d.concurrency === "default" &&
      !d.tool.includes("fsync=") &&
      !d.tool.includes("streamed") &&
      !d.tool.includes("--no-report"),
  );
  const aria = defaultConcurrency === undefined ? undefined : at.find((d) => d.tool === "aria2c" && d.concurrency === String(defaultConcurrency));
  const pool = at.find((d) => d.tool === "python ThreadPool");
  return { ours, aria, pool };
}

const msPerPhoto = (d: DownloadRun) => d.cpuSecPer1000;

/** The CPU-per-photo table: ms of CPU (user + system, the tool's whole process tree) per stored photo, same list, same run. */
export function renderCpuPerPhoto(downloads: readonly DownloadRun[], defaultConcurrency: number | undefined): string[] {
  const out: string[] = [];
  for (const latencyMs of [...new Set(downloads.map((d) => d.latencyMs))]) {
    const { ours, aria, pool } = peers(downloads, latencyMs, defaultConcurrency);
    if (ours.length === 0) continue;
    const rows = [...ours, ...(aria ? [aria] : []), ...(pool ? [pool] : [])].map((d) => [
      d.tool,
      d.concurrency === "default" && defaultConcurrency !== undefined ? `default (${defaultConcurrency})` : d.concurrency,
      fmt(msPerPhoto(d), 2),
      aria ? `${fmt(msPerPhoto(d) / msPerPhoto(aria), 2)}x` : "–",
      fmt(d.imagesPerSec, 0),
      pool ? `${fmt(d.imagesPerSec / pool.imagesPerSec, 2)}x` : "–",
      fmt(d.emulatorCpuSec, 1),
    ]);
    out.push(`#### Latency ${latencyMs} ms`, "");
    out.push(formatTable(["tool", "concurrency", "CPU ms / photo", "CPU vs aria2c", "img/s", "speed-up over ThreadPool", "emulator CPU s"], rows), "");
  }
  return out;
}

/** Issue 15's CPU targets for each runtime's default row at `latencyMs`. */
export function cpuPerPhotoTargets(downloads: readonly DownloadRun[], latencyMs: number, defaultConcurrency: number | undefined): TargetResult[] {
  const { ours, aria, pool } = peers(downloads, latencyMs, defaultConcurrency);
  return ours
    .filter((d) => !d.tool.endsWith(" before"))
    .flatMap((d) => [
      check(
        `${d.tool} at its defaults: CPU per photo <= aria2c -j ${defaultConcurrency ?? "?"}, at latency ${latencyMs} ms`,
        aria ? `${fmt(msPerPhoto(d), 2)} vs ${fmt(msPerPhoto(aria), 2)} ms (${fmt(msPerPhoto(d) / msPerPhoto(aria), 2)}x)` : "not measured",
        aria ? msPerPhoto(d) <= msPerPhoto(aria) : undefined,
      ),
      check(
        `${d.tool} at its defaults >= ${THREADPOOL_SPEEDUP_TARGET}x ThreadPool(20), img/s at latency ${latencyMs} ms`,
        pool ? `${fmt(d.imagesPerSec, 0)} vs ${fmt(pool.imagesPerSec, 0)} (${fmt(d.imagesPerSec / pool.imagesPerSec, 2)}x)` : "not measured",
        pool ? d.imagesPerSec >= THREADPOOL_SPEEDUP_TARGET * pool.imagesPerSec : undefined,
      ),
    ]);
}
