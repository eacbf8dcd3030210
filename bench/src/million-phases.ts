import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Peak RSS (MB) of a `cat-harvest download` in each phase, from `/proc` every 100 ms. */
export interface PhasePeaks {
  /** Until the last shard's stats file appears: the plan and the shards. */
  shards: number;
  /** Until `_summary.json` appears: `finishShards`. */
  finish: number;
  /** After it: the report (or, resumed, everything). */
  report: number;
}

const SAMPLE_MS = 100;

/** The largest VmRSS (MB) among the processes whose command line names `dest` (GNU time's %M is the largest process too). */
function rssOf(pids: readonly string[]): number {
  let peak = 0;
  for (const pid of pids) {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      if (kb) peak = Math.max(peak, Number(kb) / 1024);
    } catch {
      // gone
    }
  }
  return peak;
}

function processesNaming(dest: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(dest)) found.push(pid);
    } catch {
      // gone
    }
  }
  return found;
}

/** The key of the last shard's stats file, once `_plan.json` names the shard count. */
function lastStatsKey(dest: string, format: "files" | "webdataset"): string | undefined {
  try {
    const { shards } = JSON.parse(readFileSync(join(dest, "_plan.json"), "utf8")) as { shards: number };
    const name = String(Math.max(shards - 1, 0)).padStart(5, "0");
    return format === "files" ? `_shards/${name}_stats.json` : `${name}_stats.json`;
  } catch {
    return undefined;
  }
}

/**
 * Samples the RSS of the command writing `dest` until `stop()`, and tells which phase each
 * sample fell in by what DEST holds (checked every second): where the peak is, not only how high.
 */
export function tracePhases(dest: string, format: "files" | "webdataset"): { stop(): PhasePeaks } {
  const peaks: PhasePeaks = { shards: 0, finish: 0, report: 0 };
  let phase: keyof PhasePeaks = "shards";
  let pids: string[] = [];
  let last: string | undefined;
  let tick = 0;
  const timer = setInterval(() => {
    if (tick++ % 10 === 0) {
      pids = processesNaming(dest);
      last ??= lastStatsKey(dest, format);
      if (existsSync(join(dest, "_summary.json"))) phase = "report";
      else if (phase === "shards" && last && existsSync(join(dest, last))) phase = "finish";
    }
    peaks[phase] = Math.max(peaks[phase], rssOf(pids));
  }, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return peaks;
    },
  };
}
