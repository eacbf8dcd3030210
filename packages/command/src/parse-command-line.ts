import { parseArgs, type ParseArgsConfig } from "node:util";
import { PHOTO_SIZES, type PhotoSize } from "@cat-harvest/photos";
import { CliUsageError, joinNegativeValues, parseCliArgs } from "@cat-harvest/petfinder-emulator/cli-args";
import type { EmulatorOptions } from "@cat-harvest/petfinder-emulator";
import { parseRescueGroupsCliArgs } from "@cat-harvest/rescuegroups-emulator/cli-args";
import type { RescueGroupsEmulatorOptions } from "@cat-harvest/rescuegroups-emulator";
import { parseCatApiCliArgs } from "@cat-harvest/thecatapi-emulator/cli-args";
import type { CatApiEmulatorOptions } from "@cat-harvest/thecatapi-emulator";
import { CommandUsageError } from "./errors.js";
import { decimal, fail, httpUrl, integer } from "./flag-values.js";
import { LIST_FORMATS, subcommand, SUBCOMMANDS, type SubcommandSpec } from "./subcommands.js";

/** Shared by `harvest` and `breeds`. */
export interface ApiFlags {
  readonly demo: boolean;
  readonly type: string;
  /** The sources, in the order given (`--source`). @default ["petfinder"] */
  readonly sources: readonly SourceName[];
  /** Petfinder's API root (`--api-url`, or `--api-url petfinder=URL`). */
  readonly apiUrl?: string;
  /** The API root of each other source given one. */
  readonly apiUrls?: Readonly<Record<string, string>>;
  /** The keys given as flags, by source. */
  readonly keys?: Readonly<Record<string, string>>;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly json: boolean;
}

/** Where a distributed run's shards go: `--queue` and `--queue-name`. */
export interface QueueFlags {
  /** The Redis URL as given (it may hold a password: never print it; see `queueConnection`). */
  readonly queue: string;
  readonly queueName?: string;
}

export type ParsedCommand =
  | { readonly command: "help"; readonly topic?: string }
  | { readonly command: "version" }
  | (ApiFlags & {
      readonly command: "harvest";
      readonly breeds?: string[];
      readonly perBreed?: number;
      readonly cap?: number;
      readonly size?: PhotoSize;
      readonly out?: string;
      readonly concurrency?: number;
      readonly refresh: boolean;
      readonly noColours: boolean;
      /** `--no-report`: no report.html and card at the end. */
      readonly noReport: boolean;
      /** Emulator scale for --demo. */
      readonly scale?: number;
      /** Rows per shard of a harvest run as jobs (`--shard-size`, with --queue). */
      readonly shardSize?: number;
      /** `--wait`: with --queue, follow the run until it is finished. */
      readonly wait?: boolean;
    } & Partial<QueueFlags>)
  | (ApiFlags & { readonly command: "breeds" })
  | ({
      readonly command: "download";
      readonly input: string;
      readonly out: string;
      readonly concurrency?: number;
      /** The list's URL column (`--url-column`). */
      readonly urlColumn?: string;
      /** The list's label column (`--label-column`). */
      readonly labelColumn?: string;
      readonly noReport: boolean;
      /** `--format`. @default "files" */
      readonly format: "files" | "webdataset";
      readonly shardSize?: number;
      readonly json: boolean;
    } & Partial<QueueFlags>)
  | (QueueFlags & {
      readonly command: "worker";
      readonly shards?: number;
      readonly concurrency?: number;
      /** Seconds before a silent worker's shard is taken back (`--stalled-after`). */
      readonly stalledAfter?: number;
      /** Where this worker asks each keyed source (`--api-url SOURCE=URL`); its key goes nowhere else. */
      readonly apiUrls?: Readonly<Record<string, string>>;
      readonly json: boolean;
    })
  | (QueueFlags & { readonly command: "status"; readonly json: boolean })
  | { readonly command: "emulator"; readonly source: "petfinder"; readonly options: EmulatorOptions }
  | { readonly command: "emulator"; readonly source: "thecatapi"; readonly options: CatApiEmulatorOptions }
  | { readonly command: "emulator"; readonly source: "rescuegroups"; readonly options: RescueGroupsEmulatorOptions }
  | { readonly command: "verify"; readonly dest: string; readonly json: boolean }
  | { readonly command: "report"; readonly dest: string; readonly minImages?: number; readonly json: boolean };

/** The sources `--source` takes. */
export const SOURCE_NAMES = ["petfinder", "rescuegroups", "thecatapi"] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

const COMMANDS = ["harvest", "breeds", "download", "worker", "status", "emulator", "verify", "report", "help"] as const;
type CommandName = (typeof COMMANDS)[number];
type Values = Record<string, string | boolean | string[] | undefined>;

/** Reads the flags of one subcommand, as its spec lists them; a negative number stays a value. */
function readFlags(spec: SubcommandSpec, args: readonly string[], positionals = 0): { values: Values; positionals: string[] } {
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const f of spec.flags)
    options[f.name] = { type: f.value ? "string" : "boolean", ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) };
  const valueFlags = spec.flags.filter((f) => f.value).map((f) => f.name);
  let result: { values: Values; positionals: string[]; tokens: Array<{ kind: string; name?: string }> };
  try {
    result = parseArgs({ args: joinNegativeValues(args, valueFlags), options, allowPositionals: positionals > 0, strict: true, tokens: true }) as typeof result;
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    return fail("arguments", message.replace(/\.$/, ""), spec.name === "harvest" ? undefined : spec.name);
  }
  if (result.positionals.length > positionals) fail("arguments", `Unexpected argument ${JSON.stringify(result.positionals[positionals])}`, spec.name);
  refuseRepeated(spec, result.tokens);
  return result;
}

/** A flag that takes one value, given twice, is refused: which of the two was meant is not ours to guess. */
function refuseRepeated(spec: SubcommandSpec, tokens: ReadonlyArray<{ kind: string; name?: string }>): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option" || token.name === undefined) continue;
    const flag = spec.flags.find((f) => f.name === token.name);
    if (!flag?.value || flag.multiple) continue;
    if (seen.has(flag.name)) fail(flag.name, `--${flag.name}${flag.short ? ` (-${flag.short})` : ""} is given more than once; give it once`, spec.name);
    seen.add(flag.name);
  }
}

function apiFlags(command: string, v: Values): ApiFlags {
  const type = (v.type as string | undefined) ?? "cat";
  if (type.trim() === "") fail("type", "--type must name an animal type such as cat or dog", command);
  const sources = sourceList(command, v.source);
  if (command === "breeds" && sources.length > 1) fail("source", "breeds lists one source's breeds: give --source one name", command);
  const apiUrls = apiUrlsOf(command, sources, v["api-url"] as string[] | undefined);
  const keys = Object.fromEntries(
    (["rescuegroups", "thecatapi"] as const).flatMap((name) => (typeof v[`${name}-key`] === "string" ? [[name, v[`${name}-key`] as string]] : [])),
  );
  return {
    demo: v.demo === true,
    type: type.trim(),
    sources,
    ...optional("apiUrl", apiUrls.petfinder),
    ...(Object.keys(apiUrls).length > 0 ? { apiUrls } : {}),
    ...(Object.keys(keys).length > 0 ? { keys } : {}),
    ...optional("clientId", v["client-id"] as string | undefined),
    ...optional("clientSecret", v["client-secret"] as string | undefined),
    json: v.json === true,
  };
}

function harvestCommand(v: Values): ParsedCommand {
  if (v.version) return { command: "version" };
  const breeds = (v.breeds as string[] | undefined)
    ?.flatMap((b) => b.split(","))
    .map((b) => b.trim())
    .filter(Boolean);
  if (v.breeds !== undefined && breeds!.length === 0) fail("breeds", '--breeds needs at least one breed name, e.g. --breeds "Siamese,Bengal"');
  const size = v.size as string | undefined;
  if (size !== undefined && !(PHOTO_SIZES as readonly string[]).includes(size))
    fail("size", `--size must be one of full, large, medium, small, got ${JSON.stringify(size)}`);
  if (v.out !== undefined && (v.out as string).trim() === "") fail("out", "--out needs a DEST: a folder, a .tar/.tar.gz file or s3://bucket/prefix");
  const scale = decimal("harvest", "scale", v.scale, 0.0001, 10);
  if (scale !== undefined && v.demo !== true) fail("scale", "--scale only applies with --demo");
  const flags = apiFlags("harvest", v);
  if (flags.demo && flags.apiUrls) fail("api-url", "--api-url and --demo exclude each other: --demo starts its own emulator");
  const queue = v.queue !== undefined || v["queue-name"] !== undefined ? harvestQueueFlags(v, flags) : undefined;
  if (!queue && (v["shard-size"] !== undefined || v.wait !== undefined))
    fail(v.wait !== undefined ? "wait" : "shard-size", `--${v.wait !== undefined ? "wait" : "shard-size"} only applies with --queue`);
  return {
    command: "harvest",
    ...flags,
    ...optional("breeds", breeds),
    ...optional("perBreed", integer("harvest", "per-breed", v["per-breed"], 1)),
    ...optional("cap", integer("harvest", "cap", v.cap, 1)),
    ...optional("size", size as PhotoSize | undefined),
    ...optional("out", v.out as string | undefined),
    ...optional("concurrency", integer("harvest", "concurrency", v.concurrency, 1, 256)),
    ...optional("scale", scale),
    refresh: v.refresh === true,
    noColours: v["no-colours"] === true,
    noReport: v["no-report"] === true,
    ...queue,
    ...optional("shardSize", integer("harvest", "shard-size", v["shard-size"], 1, 10_000_000)),
    ...(v.wait === true ? { wait: true } : {}),
  };
}

/** A harvest's `--queue`: its API phase and downloads as jobs, which needs workers that reach the APIs and DEST on their own. */
function harvestQueueFlags(v: Values, flags: ApiFlags): QueueFlags {
  if (v.queue === undefined) fail("queue-name", "--queue-name only applies with --queue");
  if (flags.demo) fail("demo", "--demo and --queue exclude each other: the demo's emulators live in this process, where workers cannot reach them");
  if (flags.sources.includes("petfinder"))
    fail("source", "--queue harvests rescuegroups and thecatapi; Petfinder's token pattern is not distributed yet: harvest it without --queue");
  if (v.refresh === true)
    fail(
      "refresh",
      "--refresh does not apply with --queue: each breed's records are fetched once per run into DEST/_api/; write into a new DEST to fetch again",
    );
  return queueFlags("harvest", v);
}

/** A worker's `--api-url SOURCE=URL`: the only API roots it sends its keys to. */
function workerApiUrls(v: Values): { apiUrls?: Record<string, string> } {
  const urls = apiUrlsOf("worker", ["rescuegroups", "thecatapi"], v["api-url"] as string[] | undefined);
  return Object.keys(urls).length > 0 ? { apiUrls: urls } : {};
}

/** `--source`: one name or a comma-separated list, each once. */
function sourceList(command: string, raw: unknown): SourceName[] {
  if (raw === undefined) return ["petfinder"];
  const names = String(raw)
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) fail("source", `--source needs a source: ${SOURCE_NAMES.join(", ")}`, command);
  for (const name of names)
    if (!(SOURCE_NAMES as readonly string[]).includes(name))
      fail("source", `--source must name ${SOURCE_NAMES.join(", ")} (comma-separated), got ${JSON.stringify(name)}`, command);
  if (new Set(names).size !== names.length) fail("source", "--source names a source twice: give each once", command);
  return names as SourceName[];
}

/** `--api-url URL` (one source) or `--api-url SOURCE=URL` (repeatable), by source. */
function apiUrlsOf(command: string, sources: readonly SourceName[], raw: readonly string[] | undefined): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const value of raw ?? []) {
    const named = /^([a-z]+)=(.*)$/s.exec(value);
    const name = named ? named[1]! : sources.length === 1 ? sources[0]! : undefined;
    if (name === undefined) fail("api-url", `with several sources, say which one: --api-url SOURCE=URL (SOURCE one of ${sources.join(", ")})`, command);
    if (!sources.includes(name as SourceName))
      fail("api-url", `--api-url names ${JSON.stringify(name)}, which is not among --source ${sources.join(",")}`, command);
    if (urls[name] !== undefined) fail("api-url", `--api-url is given twice for ${name}: give it once`, command);
    urls[name] = httpUrl(command, "api-url", named ? named[2] : value)!;
  }
  return urls;
}

function downloadCommand(v: Values): ParsedCommand {
  if (typeof v.input !== "string" || v.input === "") fail("input", `download needs --input FILE: ${LIST_FORMATS}`, "download");
  if (typeof v.out !== "string" || v.out === "") fail("out", "download needs --out DEST: a folder, a .tar/.tar.gz file or s3://bucket/prefix", "download");
  return {
    command: "download",
    input: v.input,
    out: v.out,
    ...optional("concurrency", integer("download", "concurrency", v.concurrency, 1, 256)),
    ...optional("urlColumn", columnName("url-column", v["url-column"])),
    ...optional("labelColumn", columnName("label-column", v["label-column"])),
    noReport: v["no-report"] === true,
    ...(v.queue !== undefined || v["queue-name"] !== undefined ? queueFlags("download", v) : {}),
    format: downloadFormat(v.format),
    ...optional("shardSize", integer("download", "shard-size", v["shard-size"], 1, 10_000_000)),
    json: v.json === true,
  };
}

/** `--url-column` / `--label-column`: a column name, not blank. */
function columnName(flag: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || raw.trim() === "")
    fail(flag, `--${flag} needs a column name as the list's header (or JSON field) spells it, e.g. --${flag} image_url`, "download");
  return raw.trim();
}

/** `--queue URL [--queue-name NAME]`; the URL is checked without being quoted, as it may hold a password. */
function queueFlags(command: string, v: Values): QueueFlags {
  if (command === "download" && v.queue === undefined) fail("queue-name", "--queue-name only applies with --queue", command);
  const queue = typeof v.queue === "string" ? v.queue.trim() : "";
  if (queue === "") fail("queue", `${command} needs --queue URL: the Redis the workers share, e.g. --queue redis://redis.internal:6379`, command);
  if (!/^rediss?:\/\/[^/?#]/i.test(queue)) fail("queue", "--queue must be a redis:// or rediss:// URL, e.g. --queue redis://redis.internal:6379", command);
  const queueName = v["queue-name"] as string | undefined;
  if (queueName !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(queueName))
    fail("queue-name", "--queue-name takes 1 to 64 letters, digits, '.', '_' or '-'", command);
  return { queue, ...optional("queueName", queueName) };
}

function downloadFormat(value: Values[string]): "files" | "webdataset" {
  if (value === undefined || value === "files" || value === "webdataset") return value ?? "files";
  return fail("format", `--format must be files or webdataset, got ${JSON.stringify(value)}`, "download");
}

/** `--source NAME` (or `--source=NAME`) taken out of the emulator's arguments, which go to that emulator's own parser. */
function emulatorSource(args: readonly string[]): { source: SourceName; rest: string[] } {
  const rest = [...args];
  const at = rest.findIndex((a) => a === "--source" || a.startsWith("--source="));
  if (at === -1) return { source: "petfinder", rest };
  const [flag] = rest.splice(at, rest[at] === "--source" ? 2 : 1);
  const value = flag === "--source" ? args[at + 1] : flag!.slice("--source=".length);
  if (value === undefined || !(SOURCE_NAMES as readonly string[]).includes(value))
    fail("source", `emulator --source must name one of ${SOURCE_NAMES.join(", ")}, got ${JSON.stringify(value ?? "")}`, "emulator");
  return { source: value as SourceName, rest };
}

/** `cat-harvest emulator [--source S]` takes exactly that emulator's own flags, read by its own parser. */
function emulatorCommand(args: readonly string[]): ParsedCommand {
  const { source, rest } = emulatorSource(args);
  const program = "cat-harvest emulator";
  const topic = source === "petfinder" ? "emulator" : `emulator:${source}`;
  try {
    if (source === "thecatapi") {
      const parsed = parseCatApiCliArgs(rest, { program: `${program} --source thecatapi` });
      return parsed.help ? { command: "help", topic } : { command: "emulator", source, options: parsed.options };
    }
    if (source === "rescuegroups") {
      const parsed = parseRescueGroupsCliArgs(rest, { program: `${program} --source rescuegroups` });
      return parsed.help ? { command: "help", topic } : { command: "emulator", source, options: parsed.options };
    }
    const parsed = parseCliArgs(rest, { program });
    return parsed.help ? { command: "help", topic } : { command: "emulator", source, options: parsed.options };
  } catch (error) {
    if (!(error instanceof CliUsageError) && !(error as Error)?.name?.includes("CliUsageError")) throw error;
    const usage = error as CliUsageError;
    // The parser points an unknown flag to the help itself; a bad value gets the pointer here.
    const hint = usage.flag === "arguments" ? "" : ` Run \`${program}${source === "petfinder" ? "" : ` --source ${source}`} --help\` for usage.`;
    throw new CommandUsageError(usage.flag, `${usage.message}${hint}`, { cause: error });
  }
}

/**
 * Reads a cat-harvest command line (without the runtime and script: `process.argv.slice(2)`,
 * `Deno.args`). Throws `CommandUsageError` naming the bad flag.
 *
 * @example parseCommandLine(["--breeds", "Bengal,Siamese", "--out", "cats.tar.gz"])
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommand {
  const first = argv[0];
  let command: CommandName = "harvest";
  if (first !== undefined && !first.startsWith("-")) {
    if (!(COMMANDS as readonly string[]).includes(first)) fail("command", `Unknown command ${JSON.stringify(first)}; the commands are ${COMMANDS.join(", ")}`);
    command = first as CommandName;
  }
  const rest = command === "harvest" && first !== "harvest" ? argv : argv.slice(1);
  if (command === "help") {
    if (rest[0] !== undefined && rest[0] !== "emulator" && !SUBCOMMANDS.some((s) => s.name === rest[0]))
      fail("command", `No help for ${JSON.stringify(rest[0])}; the commands are ${COMMANDS.join(", ")}`);
    return { command: "help", ...optional("topic", rest[0]) };
  }
  if (command === "emulator") return emulatorCommand(rest);
  const spec = subcommand(command);
  const { values: v, positionals } = readFlags(spec, rest, command === "verify" || command === "report" ? 1 : 0);
  if (v.help) return { command: "help", topic: command };
  switch (command) {
    case "harvest":
      return harvestCommand(v);
    case "breeds":
      return { command: "breeds", ...apiFlags("breeds", v) };
    case "download":
      return downloadCommand(v);
    case "worker":
      return {
        command: "worker",
        ...queueFlags("worker", v),
        ...optional("shards", integer("worker", "shards", v.shards, 1, 64)),
        ...optional("concurrency", integer("worker", "concurrency", v.concurrency, 1, 256)),
        ...optional("stalledAfter", integer("worker", "stalled-after", v["stalled-after"], 2, 3600)),
        ...workerApiUrls(v),
        json: v.json === true,
      };
    case "status":
      return { command: "status", ...queueFlags("status", v), json: v.json === true };
    case "verify":
      if (!positionals[0]) fail("dest", "verify needs the DEST to check, e.g. cat-harvest verify ./cat_breeds", "verify");
      return { command: "verify", dest: positionals[0], json: v.json === true };
    case "report":
      if (!positionals[0]) fail("dest", "report needs the DEST to report on, e.g. cat-harvest report ./cat_breeds", "report");
      return {
        command: "report",
        dest: positionals[0],
        ...optional("minImages", integer("report", "min-images", v["min-images"], 1)),
        json: v.json === true,
      };
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
