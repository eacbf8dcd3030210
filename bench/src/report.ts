import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { SECTIONS, type BenchOptions } from "./args.js";
import { cpuPerPhotoTargets, renderCpuPerPhoto } from "./cpu-per-photo.js";
import type { DownloadRun } from "./downloads.js";
import type { HarvestResult } from "./harvest.js";
import type { MachineInfo } from "./machine.js";
import type { MillionRun } from "./million.js";
import { millionTargets, renderMillion } from "./million-report.js";
import { BENCH_DIR } from "./paths.js";
import type { ScaleResult } from "./scale.js";
import type { StartupResult } from "./startup.js";
import { fmt, formatTable } from "./table.js";
import { check, type TargetResult } from "./targets.js";

export interface BenchResults {
  machine: MachineInfo;
  options: BenchOptions;
  date: string;
  durationSec: number;
  downloads: DownloadRun[];
  /** The downloader's default concurrency, as built. */
  defaultConcurrency?: number | undefined;
  harvest: HarvestResult[];
  scale: ScaleResult[];
  startup: StartupResult[];
  million: MillionRun[];
  errors: string[];
  loadBefore: number[];
  diagnosis: string[];
  loadAfter: number[];
}

/** The latency at which the throughput targets are judged. */
const TARGET_LATENCY_MS = 20;

export function evaluateTargets(r: BenchResults): TargetResult[] {
  const targets: TargetResult[] = [];
  const at = r.downloads.filter((d) => d.latencyMs === TARGET_LATENCY_MS);
  const find = (tool: string, c: string) => at.find((d) => d.tool === tool && d.concurrency === c);
  for (const runtime of ["bun", "node"]) {
    const tool = `cat-harvest (${runtime})`;
    if (!at.some((d) => d.tool === tool)) continue;
    for (const c of r.options.concurrencies) {
      const ours = find(tool, String(c));
      const aria = find("aria2c", String(c));
      targets.push(
        check(
          `${tool} at concurrency ${c} >= aria2c -j ${c}, img/s at latency ${TARGET_LATENCY_MS} ms`,
          ours && aria ? `${fmt(ours.imagesPerSec, 0)} vs ${fmt(aria.imagesPerSec, 0)} (${fmt(ours.imagesPerSec / aria.imagesPerSec, 2)}x)` : "not measured",
          ours && aria ? ours.imagesPerSec >= aria.imagesPerSec : undefined,
        ),
      );
    }
    const def = find(tool, "default");
    const dc = r.defaultConcurrency;
    const ariaAtDefault = dc === undefined ? undefined : find("aria2c", String(dc));
    if (dc !== undefined && !r.options.concurrencies.includes(dc)) {
      targets.push(
        check(
          `${tool} at its defaults (${dc}) >= aria2c -j ${dc}, img/s at latency ${TARGET_LATENCY_MS} ms`,
          def && ariaAtDefault
            ? `${fmt(def.imagesPerSec, 0)} vs ${fmt(ariaAtDefault.imagesPerSec, 0)} (${fmt(def.imagesPerSec / ariaAtDefault.imagesPerSec, 2)}x)`
            : "not measured",
          def && ariaAtDefault ? def.imagesPerSec >= ariaAtDefault.imagesPerSec : undefined,
        ),
      );
    }
    const py = at.find((d) => d.tool === "python ThreadPool");
    targets.push(
      check(
        `${tool} at its defaults >= 3x ThreadPool(20), img/s at latency ${TARGET_LATENCY_MS} ms`,
        def && py ? `${fmt(def.imagesPerSec, 0)} vs ${fmt(py.imagesPerSec, 0)} (${fmt(def.imagesPerSec / py.imagesPerSec, 2)}x)` : "not measured",
        def && py ? def.imagesPerSec >= 3 * py.imagesPerSec : undefined,
      ),
    );
  }
  targets.push(...cpuPerPhotoTargets(r.downloads, TARGET_LATENCY_MS, r.defaultConcurrency));
  if (targets.length === 0) targets.push(check("download targets", "not measured", undefined));
  for (const s of r.scale) {
    const large = s.large.images.toLocaleString("en-US");
    const small = s.small.images.toLocaleString("en-US");
    const who = `cat-harvest (${s.runtime})`;
    targets.push(check(`${who}: peak RSS for ${large} photos < 200 MB`, `${fmt(s.large.peakRssMB, 0)} MB`, s.large.peakRssMB < 200));
    targets.push(
      check(
        `${who}: peak RSS for ${large} photos within 20% of ${small}`,
        `${fmt(s.large.peakRssMB, 0)} vs ${fmt(s.small.peakRssMB, 0)} MB (${fmt(s.rssRatio, 2)}x)`,
        s.rssRatio <= 1.2,
      ),
    );
    targets.push(
      check(
        `${who}: time for ${large} <= ${fmt(1.1 * s.countRatio, 0)} x time for ${small}`,
        `${fmt(s.large.wallSec, 1)} vs ${fmt(s.small.wallSec, 1)} s (${fmt(s.timeRatio, 2)}x)`,
        s.timeRatio <= 1.1 * s.countRatio,
      ),
    );
  }
  if (r.scale.length === 0) targets.push(check("scale targets (RSS < 200 MB, within 20%, time ratio)", "not measured", undefined));
  for (const h of r.harvest) {
    const ceilingOk = h.clientCeiling === undefined || h.clientCeiling <= h.rateLimit;
    const who = `${h.how}${h.clientCeiling !== undefined ? ` (client ceiling ${h.clientCeiling}/s)` : ""}`;
    targets.push(
      check(
        `API phase holds >= 90% of the emulator's ${h.rateLimit}/s: ${who}`,
        `${fmt(h.apiRequestsPerSec, 1)} req/s (${fmt((100 * h.apiRequestsPerSec) / h.rateLimit, 0)}%)`,
        h.apiRequests > 0 ? h.apiRequestsPerSec >= 0.9 * h.rateLimit : undefined,
      ),
    );
    targets.push(check(`API phase provokes no 429: ${who}`, `${h.tooMany} x 429`, h.apiRequests > 0 && ceilingOk ? h.tooMany === 0 : undefined));
  }
  if (r.harvest.length === 0) {
    targets.push(check("API phase holds >= 90% of the emulator's rate limit, no 429", "not measured", undefined));
  }
  targets.push(...millionTargets(r.million));
  return targets;
}

export function renderReport(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(
    `Machine: ${m.cpuModel}, ${m.nproc} cores (nproc), ${m.memoryGB} GB, ${m.kernel}; node ${m.node}; ${m.python}; ${m.aria2}.`,
    `Run: ${r.date}, ${fmt(r.durationSec, 0)} s${r.options.quick ? ", --quick" : ""}; load average ${r.loadBefore.map((l) => l.toFixed(1)).join("/")} before, ${r.loadAfter.map((l) => l.toFixed(1)).join("/")} after (1/5/15 min; above ${m.nproc} means other work shared the cores). The emulator runs in its own node process on 127.0.0.1 and shares the ${m.nproc} cores with the tool under test; its CPU is reported separately, never charged to the tool.`,
    "",
  );
  if (r.downloads.length > 0) {
    out.push(`### Downloads (${r.options.count.toLocaleString("en-US")} full-size photos per row, median of ${r.options.repeat})`, "");
    out.push(
      formatTable(
        ["latency", "tool", "concurrency", "stored", "wall s", "img/s", "CPU s / 1k img", "peak RSS MB", "emulator CPU s"],
        r.downloads.map((d) => [
          `${d.latencyMs} ms`,
          d.tool,
          d.concurrency,
          `${d.ok}/${d.images}`,
          fmt(d.wallSec, 2),
          fmt(d.imagesPerSec, 0),
          fmt(d.cpuSecPer1000, 2),
          fmt(d.peakRssMB, 0),
          fmt(d.emulatorCpuSec, 1),
        ]),
      ),
      "",
    );
    const notes = r.downloads.filter((d) => d.note);
    for (const d of notes) out.push(`- ${d.tool} c=${d.concurrency} at ${d.latencyMs} ms: ${d.note}`);
    if (notes.length) out.push("");
  }
  const cpuTable = renderCpuPerPhoto(r.downloads, r.defaultConcurrency);
  if (cpuTable.length > 0) {
    out.push("### CPU per photo (user + system CPU of the tool's process tree per stored photo; the default rows above, same list, same run)", "", ...cpuTable);
  }
  if (r.harvest.length > 0) {
    const first = r.harvest[0]!;
    out.push(`### Whole harvest (emulator scale ${first.scale}, rate limit ${first.rateLimit}/s, latency 0; phases timed from the emulator's counters)`, "");
    out.push(
      formatTable(
        [
          "how",
          "API requests",
          "API phase s",
          "API req/s",
          "429s",
          "photo requests",
          "download phase s",
          "overlap s",
          "stored",
          "wall s",
          "CPU s",
          "peak RSS MB",
          "emulator CPU s",
        ],
        r.harvest.map((h) => [
          h.how,
          String(h.apiRequests),
          fmt(h.apiPhaseSec, 1),
          fmt(h.apiRequestsPerSec, 1),
          String(h.tooMany),
          String(h.photoRequests),
          fmt(h.downloadPhaseSec, 1),
          fmt(h.overlapSec, 1),
          String(h.stored),
          fmt(h.wallSec, 1),
          fmt(h.cpuSec, 1),
          fmt(h.peakRssMB, 0),
          fmt(h.emulatorCpuSec, 1),
        ]),
      ),
      "",
    );
    for (const h of r.harvest) if (h.note) out.push(`- ${h.how}: ${h.note}`);
    out.push("");
  }
  if (r.scale.length > 0) {
    out.push("### Scale (cat-harvest downloader at its defaults, latency 0, into a folder on disk)", "");
    out.push(
      formatTable(
        ["runtime", "photos", "stored", "wall s", "img/s", "CPU s / 1k img", "peak RSS MB", "time ratio", "RSS ratio"],
        r.scale.flatMap((s) =>
          [s.small, s.large].map((d, i) => [
            s.runtime,
            d.images.toLocaleString("en-US"),
            `${d.ok}`,
            fmt(d.wallSec, 1),
            fmt(d.imagesPerSec, 0),
            fmt(d.cpuSecPer1000, 2),
            fmt(d.peakRssMB, 0),
            i === 0 ? "–" : `${fmt(s.timeRatio, 2)}x`,
            i === 0 ? "–" : `${fmt(s.rssRatio, 2)}x`,
          ]),
        ),
      ),
      "",
    );
  }
  if (r.million.length > 0) out.push(renderMillion(r.million, r.options.millionInput));
  if (r.startup.length > 0) {
    out.push("### Start-up", "");
    out.push(
      formatTable(
        ["command", "runs", "median ms", "min ms", "peak RSS MB"],
        r.startup.map((s) => [s.what + (s.exitCode ? ` (exit ${s.exitCode})` : ""), String(s.runs), fmt(s.medianMs, 0), fmt(s.minMs, 0), fmt(s.peakRssMB, 0)]),
      ),
      "",
    );
  }
  if (r.diagnosis.length > 0) {
    out.push("### Diagnosis (--cpu-prof)", "", "```", ...r.diagnosis.map((l) => l.replace(/^ {2}/, "")), "```", "");
  }
  out.push("### Targets", "");
  out.push(
    formatTable(
      ["target", "measured", "verdict"],
      evaluateTargets(r).map((t) => [t.target, t.measured, t.verdict.toUpperCase()]),
    ),
  );
  if (r.errors.length) out.push("", ...r.errors.map((e) => `- error in ${e}`));
  return out.join("\n");
}

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";
const MILLION_START = "<!-- bench:million:start -->";
const MILLION_END = "<!-- bench:million:end -->";

export async function writeResults(r: BenchResults, report: string, writeReadme: boolean, log: (l: string) => void): Promise<void> {
  const dir = join(BENCH_DIR, "results");
  await mkdir(dir, { recursive: true });
  const partial = r.options.sections.length < SECTIONS.length;
  // a run of some sections keeps its own files, so it never replaces the full run's figures
  const stem = `${r.options.quick ? "quick" : "latest"}${partial ? `-${r.options.sections.join("-")}` : ""}`;
  await writeFile(join(dir, `${stem}.json`), JSON.stringify(r, null, 2) + "\n");
  await writeFile(join(dir, `${stem}.md`), report + "\n");
  log(`Wrote bench/results/${stem}.json and ${stem}.md`);
  if (!writeReadme) return;
  const onlyMillion = r.options.sections.length === 1 && r.options.sections[0] === "million";
  if (partial && !onlyMillion) {
    log("bench/README.md not updated: --write-readme takes the full run (or --only million, which has its own block).");
    return;
  }
  const [start, end, text] = onlyMillion ? [MILLION_START, MILLION_END, millionReport(r)] : [START, END, report];
  await replaceBlock(join(BENCH_DIR, "README.md"), start, end, text, log);
}

/** The million section alone, as `--only million --write-readme` puts it in its own README block. */
function millionReport(r: BenchResults): string {
  const m = r.machine;
  const targets = millionTargets(r.million).map((t) => [t.target, t.measured, t.verdict.toUpperCase()]);
  return [
    `Run: ${r.date}, ${fmt(r.durationSec, 0)} s, on ${m.cpuModel}, ${m.nproc} cores, node ${m.node}; load average ${r.loadBefore.map((l) => l.toFixed(1)).join("/")} before, ${r.loadAfter.map((l) => l.toFixed(1)).join("/")} after.`,
    "",
    renderMillion(r.million, r.options.millionInput),
    targets.length > 0 ? formatTable(["target", "measured", "verdict"], targets) : "",
  ].join("\n");
}

async function replaceBlock(readme: string, start: string, end: string, block: string, log: (l: string) => void): Promise<void> {
  const text = await readFile(readme, "utf8");
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) {
    log(`bench/README.md has no ${start} ... ${end} markers; not updated.`);
    return;
  }
  await writeFile(readme, `${text.slice(0, a + start.length)}\n${block}\n${text.slice(b)}`);
  log(`Updated bench/README.md (${start})`);
}
