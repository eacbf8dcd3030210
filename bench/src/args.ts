import { parseArgs } from "node:util";
import type { OutputFormat } from "./million.js";
import { URL_LIST_FORMATS, type UrlListFormat } from "./url-list.js";

export type Section = "downloads" | "harvest" | "scale" | "startup" | "million";
export const SECTIONS: readonly Section[] = ["downloads", "harvest", "scale", "startup", "million"];

export interface BenchOptions {
  quick: boolean;
  /** Images per download configuration. */
  count: number;
  concurrencies: number[];
  latencies: number[];
  repeat: number;
  sections: Section[];
  scaleSmall: number;
  scaleLarge: number;
  harvestScale: number;
  /** Runtimes of the downloader in the scale section. */
  scaleRuntimes: ("node" | "bun")[];
  rateLimit: number;
  /** URL counts of the million section, ascending. */
  millionSizes: number[];
  millionFormats: OutputFormat[];
  millionRuntimes: ("node" | "bun")[];
  /** The list format the million section writes and the command reads. */
  millionInput: UrlListFormat;
  /** Ctrl-C each million-section command after this many seconds (undefined: no cap). */
  millionCapSec: number | undefined;
  cpuProf: boolean;
  /** A copy of runners/cat-harvest-download.mjs that loads an earlier build: its default rows run beside today's, as "before". */
  baseline: string | undefined;
  keep: boolean;
  writeReadme: boolean;
}

export const USAGE = `Usage: npm run bench [-- options]   (from bench/, or npm run bench -w bench)

  --quick                 smoke-sized run (300 images, 1,000 vs 5,000 for scale, harvest at scale 0.05)
  --count N               images per download configuration (default 3000)
  --concurrency 8,20,128  concurrencies compared with aria2c -j N (default 8,20,128; aria2c also
                          runs at the downloader's default, 64, as the peer of the default rows;
                          --concurrency "" runs the default rows only)
  --latency 0,20          emulator latencies in ms (default 0,20)
  --repeat N              runs per configuration, the median is reported (default 1)
  --only a,b              sections: downloads,harvest,scale,startup,million (default all)
  --scale-small N         photos in the small scale run (default 10000)
  --scale-large N         photos in the large scale run (default 100000)
  --scale-runtime bun,node  runtimes for the scale section (default both)
  --million-sizes 10000,100000,1000000
                          URL counts for \`cat-harvest download\` in the million section (default these;
                          --quick: 1000,5000); the largest is also run again with nothing left to do
  --million-formats files,webdataset  output formats (default both; webdataset skips until --format exists)
  --million-runtimes bun,node         runtimes of the command (default both)
  --million-input txt     list format: txt, txt.gz, jsonl or jsonl.gz (jsonl carries 10 labels; default txt)
  --million-cap-sec N     send each million-section command Ctrl-C after N s (it still reports its peak RSS
                          and how far it got; for runs of code whose cost grows with the list)
  --harvest-scale X       emulator scale for the whole harvest (default 1)
  --rate-limit N          emulator API rate limit for the harvest, requests/s (default 50)
  --cpu-prof              after each latency's rows, trace per-job times (Bun, Node; folder, memory)
                          and profile one Node run (node --cpu-prof) into bench/.profiles
  --baseline FILE         also run the default rows with FILE, a copy of runners/cat-harvest-download.mjs
                          that loads an earlier build (see README: Before and after), labelled "before"
  --keep                  keep downloaded files (under the OS temp dir)
  --write-readme          put the figures into bench/README.md
`;

function list(value: string | undefined, fallback: number[]): number[] {
  if (value === undefined) return fallback;
  if (value.trim() === "") return [];
  const parsed = value.split(",").map((v) => Number(v.trim()));
  if (parsed.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new TypeError(`Expected a comma-separated list of numbers, got "${value}". Example: --concurrency 8,20,64`);
  }
  return parsed;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new TypeError(`--${name} takes a positive number, got "${value}".`);
  return n;
}

function parseRuntimes(value: string | undefined, flag = "scale-runtime"): ("node" | "bun")[] {
  if (value === undefined) return ["bun", "node"];
  const list = value.split(",").map((v) => v.trim());
  for (const v of list) if (v !== "node" && v !== "bun") throw new TypeError(`--${flag} takes bun and/or node, got "${v}".`);
  return list as ("node" | "bun")[];
}

function parseFormats(value: string | undefined): OutputFormat[] {
  if (value === undefined) return ["files", "webdataset"];
  const list = value.split(",").map((v) => v.trim());
  for (const v of list) if (v !== "files" && v !== "webdataset") throw new TypeError(`--million-formats takes files and/or webdataset, got "${v}".`);
  return list as OutputFormat[];
}

function parseListFormat(value: string | undefined): UrlListFormat {
  if (value === undefined) return "txt";
  if (!(URL_LIST_FORMATS as readonly string[]).includes(value)) throw new TypeError(`--million-input takes ${URL_LIST_FORMATS.join(", ")}, got "${value}".`);
  return value as UrlListFormat;
}

function parseSizes(value: string | undefined, fallback: number[]): number[] {
  const sizes = list(value, fallback);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new TypeError(`--million-sizes takes whole URL counts such as 10000,100000, got "${value}".`);
  return [...new Set(sizes)].sort((a, b) => a - b);
}

export function parseBenchArgs(argv: string[]): BenchOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      count: { type: "string" },
      concurrency: { type: "string" },
      latency: { type: "string" },
      repeat: { type: "string" },
      only: { type: "string" },
      "scale-small": { type: "string" },
      "scale-large": { type: "string" },
      "harvest-scale": { type: "string" },
      "scale-runtime": { type: "string" },
      "rate-limit": { type: "string" },
      "million-sizes": { type: "string" },
      "million-formats": { type: "string" },
      "million-runtimes": { type: "string" },
      "million-input": { type: "string" },
      "million-cap-sec": { type: "string" },
      "cpu-prof": { type: "boolean", default: false },
      baseline: { type: "string" },
      keep: { type: "boolean", default: false },
      "write-readme": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) return "help";
  const quick = values.quick ?? false;
  const sections = (values.only?.split(",").map((s) => s.trim()) ?? [...SECTIONS]) as Section[];
  for (const s of sections) {
    if (!SECTIONS.includes(s)) throw new TypeError(`--only takes ${SECTIONS.join(",")}, got "${s}".`);
  }
  return {
    quick,
    count: int("count", values.count, quick ? 300 : 3000),
    concurrencies: list(values.concurrency, quick ? [8] : [8, 20, 128]),
    latencies: list(values.latency, [0, 20]),
    repeat: int("repeat", values.repeat, 1),
    sections,
    scaleSmall: int("scale-small", values["scale-small"], quick ? 1000 : 10_000),
    scaleLarge: int("scale-large", values["scale-large"], quick ? 5000 : 100_000),
    scaleRuntimes: parseRuntimes(values["scale-runtime"]),
    harvestScale: int("harvest-scale", values["harvest-scale"], quick ? 0.05 : 1),
    rateLimit: int("rate-limit", values["rate-limit"], 50),
    millionSizes: parseSizes(values["million-sizes"], quick ? [1000, 5000] : [10_000, 100_000, 1_000_000]),
    millionFormats: parseFormats(values["million-formats"]),
    millionRuntimes: parseRuntimes(values["million-runtimes"], "million-runtimes"),
    millionInput: parseListFormat(values["million-input"]),
    millionCapSec: values["million-cap-sec"] === undefined ? undefined : int("million-cap-sec", values["million-cap-sec"], 0),
    cpuProf: values["cpu-prof"] ?? false,
    baseline: values.baseline,
    keep: values.keep ?? false,
    writeReadme: values["write-readme"] ?? false,
  };
}
