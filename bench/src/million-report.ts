import type { MillionRun } from "./million.js";
import { fmt, formatTable } from "./table.js";
import { check, type TargetResult } from "./targets.js";

/** Issue 15's bounds: peak RSS under 200 MB at every size, and the largest within 1.2x of the smallest. */
const RSS_LIMIT_MB = 200;
const RSS_RATIO_LIMIT = 1.2;
/** "A resumed no-op run finishes in seconds": judged as under this many. */
const RESUME_LIMIT_SEC = 10;

const count = (n: number) => n.toLocaleString("en-US");

/** The smallest fresh run of the same runtime and format: the base of the RSS ratio. */
function baseOf(runs: readonly MillionRun[], run: MillionRun): MillionRun | undefined {
  const same = runs.filter((r) => r.runtime === run.runtime && r.format === run.format && r.kind === "fresh" && !r.skipped);
  return same.sort((a, b) => a.urls - b.urls)[0];
}

/** The peak-RSS judgement printed beside the figure: under 200 MB, and within 1.2x of the smallest run. */
export function rssJudgement(runs: readonly MillionRun[], run: MillionRun): string {
  if (run.skipped) return "–";
  const base = baseOf(runs, run);
  const under = run.peakRssMB < RSS_LIMIT_MB;
  const parts = [`${under ? "PASS" : "MISS"} < ${RSS_LIMIT_MB} MB${run.capped ? " (at least, stopped at the cap)" : ""}`];
  if (base && base !== run) {
    const ratio = run.peakRssMB / base.peakRssMB;
    parts.push(`${ratio <= RSS_RATIO_LIMIT ? "PASS" : "MISS"} ${fmt(ratio, 2)}x of ${count(base.urls)} (<= ${RSS_RATIO_LIMIT}x)`);
  }
  return parts.join(", ");
}

/** The wall-time figure's note: per-URL time against the smallest run, or the resume bound. */
export function timeJudgement(runs: readonly MillionRun[], run: MillionRun): string {
  if (run.skipped) return "–";
  if (run.capped) return "stopped at the cap";
  if (run.kind === "resume") return `${run.wallSec < RESUME_LIMIT_SEC ? "PASS" : "MISS"} < ${RESUME_LIMIT_SEC} s`;
  const base = baseOf(runs, run);
  if (!base || base === run) return "–";
  return `${fmt(run.wallSec / base.wallSec, 1)}x for ${fmt(run.urls / base.urls, 0)}x URLs`;
}

function stored(run: MillionRun): string {
  if (run.skipped) return "–";
  const s = run.summary;
  if (!s) return "no summary";
  return run.kind === "resume"
    ? `${count(s.stored ?? 0)} new, ${s.existing === undefined ? "?" : count(s.existing)} kept`
    : `${s.stored === undefined ? "?" : count(s.stored)}/${count(run.urls)}`;
}

/** The million section's table, one row per run, the judgements beside the figures, skips and failures as notes. */
export function renderMillion(runs: readonly MillionRun[], input: string): string {
  const out = [`### Million URLs (\`cat-harvest download\`, apps/cli, its defaults; ${input} list from a bulk CDN on 127.0.0.1; latency 0)`, ""];
  out.push(
    formatTable(
      [
        "runtime",
        "format",
        "URLs",
        "run",
        "stored",
        "wall s",
        "time",
        "URLs/s",
        "CPU s",
        "peak RSS MB",
        "by phase: shards / finish / report",
        "RSS judgement",
        "disk MB",
        "sample checked",
        "CDN CPU s",
      ],
      runs.map((r) => [
        r.runtime,
        r.format,
        count(r.urls),
        r.kind,
        stored(r),
        fmt(r.wallSec, 1),
        timeJudgement(runs, r),
        r.kind === "fresh" ? fmt((r.capped ? (r.summary?.stored ?? Number.NaN) : r.urls) / r.wallSec, 0) : "–",
        fmt(r.cpuSec, 1),
        fmt(r.peakRssMB, 0),
        r.phases ? [r.phases.shards, r.phases.finish, r.phases.report].map((mb) => (mb > 0 ? fmt(mb, 0) : "–")).join(" / ") : "–",
        rssJudgement(runs, r),
        fmt(r.diskMB, 0),
        r.sample ? `${r.sample.checked - r.sample.wrong}/${r.sample.checked}` : "–",
        fmt(r.cdnCpuSec, 1),
      ]),
    ),
    "",
  );
  const skips = new Map<string, string[]>();
  for (const r of runs.filter((x) => x.skipped))
    skips.set(r.skipped!, [...(skips.get(r.skipped!) ?? []), `${r.runtime} ${r.format} ${count(r.urls)} ${r.kind}`]);
  for (const [why, which] of skips) out.push(`- ${which.join("; ")}: ${why}`);
  for (const r of runs.filter((x) => x.note)) out.push(`- ${r.runtime} ${r.format} ${count(r.urls)} ${r.kind}: ${r.note}`);
  if (skips.size > 0 || runs.some((r) => r.note)) out.push("");
  return out.join("\n");
}

/** The section's rows of the Targets table: RSS bound and ratio at the largest size, and the resumed no-op run. */
export function millionTargets(runs: readonly MillionRun[]): TargetResult[] {
  const targets: TargetResult[] = [];
  for (const run of runs) {
    const who = `cat-harvest download (${run.runtime}, --format ${run.format})`;
    const base = baseOf(runs, run);
    if (run.skipped) {
      if (run.kind === "fresh" && run.urls === Math.max(...runs.filter((r) => r.runtime === run.runtime && r.format === run.format).map((r) => r.urls))) {
        targets.push(
          check(
            `${who}: peak RSS for ${count(run.urls)} URLs < ${RSS_LIMIT_MB} MB and within ${RSS_RATIO_LIMIT}x of the smallest run`,
            "not measured",
            undefined,
          ),
        );
      }
      continue;
    }
    if (run.kind === "resume") {
      targets.push(
        check(
          `${who}: resumed no-op run of ${count(run.urls)} URLs < ${RESUME_LIMIT_SEC} s`,
          `${fmt(run.wallSec, 1)} s, ${fmt(run.peakRssMB, 0)} MB`,
          run.exitCode === 0 && run.wallSec < RESUME_LIMIT_SEC,
        ),
      );
      continue;
    }
    if (!base || base === run) continue;
    if (run.capped) {
      // Stopped before its end: a lower bound over the part it ran, neither a pass nor a miss.
      const part = `at least ${fmt(run.peakRssMB, 0)} MB over ${count(run.summary?.stored ?? 0)} rows (stopped at the cap)`;
      targets.push(
        check(`${who}: peak RSS for ${count(run.urls)} URLs < ${RSS_LIMIT_MB} MB and within ${RSS_RATIO_LIMIT}x of ${count(base.urls)}`, part, undefined),
      );
      continue;
    }
    targets.push(
      check(
        `${who}: peak RSS for ${count(run.urls)} URLs < ${RSS_LIMIT_MB} MB`,
        `${fmt(run.peakRssMB, 0)} MB`,
        run.exitCode === 0 ? run.peakRssMB < RSS_LIMIT_MB : false,
      ),
    );
    targets.push(
      check(
        `${who}: peak RSS for ${count(run.urls)} URLs within ${RSS_RATIO_LIMIT}x of ${count(base.urls)}`,
        `${fmt(run.peakRssMB, 0)} vs ${fmt(base.peakRssMB, 0)} MB (${fmt(run.peakRssMB / base.peakRssMB, 2)}x)`,
        run.peakRssMB / base.peakRssMB <= RSS_RATIO_LIMIT,
      ),
    );
  }
  return targets;
}
