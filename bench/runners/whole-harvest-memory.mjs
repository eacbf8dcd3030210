#!/usr/bin/env node
// The whole harvest's memory over time (issue 15: "the whole harvest at emulator scale 1 under
// 200 MB"): the three emulators in their own node processes on 127.0.0.1 (scale 1, seed 1,
// cross-posts on, their default rate limits), then `cat-harvest harvest --source
// petfinder,rescuegroups,thecatapi` at its default flags, report written at the end, under one
// runtime. RSS is read from /proc/<pid>/status every 100 ms (VmRSS, and VmHWM for the peak a
// sample could miss); each sample is put in a phase:
//   api+downloads  until the emulators' photo counters stop moving (8 s without a photo request),
//   finish         until breeds.csv is in DEST (metadata.jsonl compacted, failures.jsonl),
//   report         the rest (the stamps file, report.html and README.md, then exit).
// Prints one JSON line: { runtime, cli, exit, wallSec, peakMiB, phase, byPhase, stored }.
//
//   node bench/runners/whole-harvest-memory.mjs --runtime bun|node|deno [--cli apps/cli/dist/cli.js]
//        [--scale 1] [--out DIR] [--timeline FILE.json] [--node-flags=--max-semi-space-size=4]
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(REPO, "node_modules/.bin");
const { values } = parseArgs({
  options: {
    runtime: { type: "string", default: "bun" },
    cli: { type: "string", default: join(REPO, "apps/cli/dist/cli.js") },
    scale: { type: "string", default: "1" },
    out: { type: "string" },
    timeline: { type: "string" },
    "node-flags": { type: "string", default: "" },
  },
});
const SOURCES = [
  { name: "petfinder", cli: "packages/petfinder-emulator/dist/cli.js", root: "" },
  { name: "rescuegroups", cli: "packages/rescuegroups-emulator/dist/cli.js", root: "/v5" },
  { name: "thecatapi", cli: "packages/thecatapi-emulator/dist/cli.js", root: "/v1" },
];

/** Starts one emulator and resolves its URL once it prints `listening on`. */
function startEmulator(source) {
  const child = spawn(
    process.execPath,
    [join(REPO, source.cli), "--host", "127.0.0.1", "--port", "0", "--seed", "1", "--scale", values.scale, "--cross-posts"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolveUrl, reject) => {
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      text += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) resolveUrl({ ...source, url: match[1], child });
    });
    child.on("exit", (code) => reject(new Error(`${source.name} emulator exited (${code}) before listening`)));
  });
}

/** Photo requests an emulator has answered (every route but its API and its own /_emulator ones). */
async function photoRequests(url) {
  const stats = await (await fetch(`${url}/_emulator/stats`)).json();
  let photos = 0;
  for (const [route, byStatus] of Object.entries(stats.routes)) {
    if (route.includes("/_emulator") || / \/v\d/.test(route)) continue;
    photos += Object.values(byStatus).reduce((a, b) => a + b, 0);
  }
  return photos;
}

function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds of a running process so far (its threads included). */
function cpuOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function command(runtime, cli) {
  if (runtime === "node") return [process.execPath, ...values["node-flags"].split(" ").filter(Boolean), cli];
  if (runtime === "bun") return [join(BIN, "bun"), cli];
  if (runtime === "deno") return [join(BIN, "deno"), "run", "-A", cli];
  throw new Error(`--runtime must be node, bun or deno, got ${runtime}`);
}

const emulators = await Promise.all(SOURCES.map(startEmulator));
// The emulators encode their templates in their first second: let them settle.
await new Promise((r) => setTimeout(r, 3000));
const out = values.out ?? join(await mkdtemp(join(tmpdir(), "cat-harvest-whole-")), "out");
const [program, ...args] = command(values.runtime, resolve(values.cli));
const harvestArgs = [
  "harvest",
  "--source",
  SOURCES.map((s) => s.name).join(","),
  ...emulators.flatMap((e) => ["--api-url", `${e.name}=${e.url}${e.root}`]),
  "--out",
  out,
];
const env = { ...process.env, PETFINDER_CLIENT_ID: "demo", PETFINDER_CLIENT_SECRET: "demo", RESCUEGROUPS_API_KEY: "demo", THECATAPI_API_KEY: "demo" };
const t0 = performance.now();
const seconds = () => (performance.now() - t0) / 1000;
const child = spawn(program, [...args, ...harvestArgs], { env, stdio: ["ignore", "pipe", "pipe"] });
let stderr = "";
child.stderr.setEncoding("utf8").on("data", (c) => (stderr = (stderr + c).slice(-4000)));
child.stdout.resume();

const samples = [];
let phase = "api+downloads";
let lastPhotos = -1;
let photosMovedAt = 0;
let peak = { mib: 0, at: 0, phase };
let cpuSec = 0;
function relabel(from, label) {
  for (const sample of samples) if (sample[0] >= from) sample[2] = label;
  if (peak.at >= from) peak.phase = label;
}
const sampler = setInterval(() => {
  const m = memoryOf(child.pid);
  if (!m) return;
  cpuSec = cpuOf(child.pid) ?? cpuSec;
  const t = seconds();
  if (phase !== "report" && existsSync(join(out, "breeds.csv"))) {
    // The finish began when the last photo came in.
    if (phase === "api+downloads") relabel(photosMovedAt, "finish");
    phase = "report";
  }
  samples.push([+t.toFixed(2), +m.rss.toFixed(1), phase]);
  if (m.rss > peak.mib) peak = { mib: m.rss, at: t, phase };
  // A peak between two samples still shows in VmHWM: charge it to this sample's phase.
  if (m.hwm > peak.mib) peak = { mib: m.hwm, at: t, phase };
}, 100);
/** Moves to the "finish" phase once the emulators have served no photo for 8 s. */
async function pollPhotos() {
  if (phase !== "api+downloads") return;
  const photos = (await Promise.all(emulators.map((e) => photoRequests(e.url).catch(() => 0)))).reduce((a, b) => a + b, 0);
  if (photos !== lastPhotos) {
    lastPhotos = photos;
    photosMovedAt = seconds();
  } else if (photos > 0 && seconds() - photosMovedAt > 8) {
    relabel(photosMovedAt, "finish");
    phase = "finish";
  }
}
const poller = setInterval(() => void pollPhotos(), 500);
const exit = await new Promise((r) => child.on("close", (code) => r(code)));
clearInterval(sampler);
clearInterval(poller);
const byPhase = {};
for (const [, mib, p] of samples) byPhase[p] = Math.max(byPhase[p] ?? 0, Math.round(mib));
const stored = /stored (\d+)/.exec(
  stderr
    .split(/[\r\n]/)
    .filter((l) => l.includes("stored"))
    .at(-1) ?? "",
)?.[1];
const result = {
  runtime: values.runtime,
  ...(values["node-flags"] ? { nodeFlags: values["node-flags"] } : {}),
  cli: values.cli,
  exit,
  wallSec: +seconds().toFixed(1),
  cpuSec: +cpuSec.toFixed(1),
  peakMiB: Math.round(peak.mib),
  phase: peak.phase,
  peakAtSec: +peak.at.toFixed(1),
  byPhase,
  stored: stored ? Number(stored) : undefined,
};
if (exit !== 0) result.stderr = stderr.slice(-600);
if (values.timeline) writeFileSync(values.timeline, JSON.stringify({ ...result, samples }));
console.log(JSON.stringify(result));
for (const e of emulators) e.child.kill("SIGTERM");
if (!values.out) await rm(dirname(out), { recursive: true, force: true });
