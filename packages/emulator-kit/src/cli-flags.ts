import { parseArgs } from "node:util";
import { CatHarvestError } from "@cat-harvest/errors";

export { COMMON_FAULT_KINDS, type CommonFaultKind } from "./faults.js";

/** A command line that cannot be used; the command prints the message and exits with 2. */
export class CliUsageError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/emulator-kit.CliUsageError");
  override name = "CliUsageError" as const;
  /** The flag without its dashes (`fault-rate`), or `arguments` for an unknown flag or a stray word. */
  readonly flag: string;
  constructor(flag: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.flag = flag;
  }
}

/** A flag's number, checked against its range, or undefined when the flag is absent. */
export function numberFlag(flag: string, raw: string | undefined, integer: boolean, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new CliUsageError(flag, `--${flag} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}; got "${raw}".`);
  }
  return n;
}

/**
 * Writes `--flag -5` as `--flag=-5` for flags that take a value, so a negative number reaches
 * the range check instead of `parseArgs`'s "argument is ambiguous".
 *
 * @example joinNegativeValues(["--port", "-1"], ["port"]) // ["--port=-1"]
 */
export function joinNegativeValues(argv: readonly string[], valueFlags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg.startsWith("--") && valueFlags.includes(arg.slice(2)) && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Flags as `node:util` `parseArgs` takes them. */
export type FlagSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** The flags every emulator command takes (besides its own). */
export const COMMON_FLAGS = {
  host: { type: "string" },
  port: { type: "string" },
  seed: { type: "string" },
  scale: { type: "string" },
  "latency-ms": { type: "string" },
  "fault-rate": { type: "string" },
  "fault-kinds": { type: "string" },
  "rate-limit": { type: "string" },
  "cross-posts": { type: "boolean" },
} as const satisfies FlagSpec;

/** Parses `argv` strictly against `flags`; a bad command line is a `CliUsageError` telling to run `program --help`. */
export function parseFlags(argv: readonly string[], flags: FlagSpec, program: string): Record<string, string | boolean | undefined> {
  const valueFlags = Object.entries(flags)
    .filter(([, f]) => f.type === "string")
    .map(([name]) => name);
  try {
    return parseArgs({ args: joinNegativeValues(argv, valueFlags), strict: true, allowPositionals: false, options: flags }).values;
  } catch (error) {
    throw new CliUsageError("arguments", `${(error as Error).message}. Run ${program} --help for the flags.`, { cause: error });
  }
}

/** The options of the common flags, in the order their flags are listed. */
export interface CommonFlagValues {
  host?: string;
  port?: number;
  seed?: number;
  scale?: number;
  latencyMs?: number;
  faultRate?: number;
  faultKinds?: string[];
  rateLimit?: number;
  crossPosts?: boolean;
}

/** Reads the common flags (ranges checked) into options; `maxScale` bounds `--scale`. */
export function commonFlagValues(values: Record<string, string | boolean | undefined>, faultKinds: readonly string[], maxScale: number): CommonFlagValues {
  const s = (k: string) => values[k] as string | undefined;
  const options: CommonFlagValues = {};
  const set = <K extends keyof CommonFlagValues>(key: K, value: CommonFlagValues[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set("host", s("host"));
  if (s("host") === "") throw new CliUsageError("host", "--host must not be empty; use e.g. 127.0.0.1.");
  set("port", numberFlag("port", s("port"), true, 0, 65535));
  set("seed", numberFlag("seed", s("seed"), true, 0, Number.MAX_SAFE_INTEGER));
  const scale = numberFlag("scale", s("scale"), false, 0, maxScale);
  if (scale === 0) throw new CliUsageError("scale", `--scale must be above 0 (e.g. 0.05); got "${s("scale")}".`);
  set("scale", scale);
  set("latencyMs", numberFlag("latency-ms", s("latency-ms"), true, 0, 600_000));
  set("faultRate", numberFlag("fault-rate", s("fault-rate"), false, 0, 1));
  set("rateLimit", numberFlag("rate-limit", s("rate-limit"), true, 0, 1_000_000_000));
  set("faultKinds", faultKindsFlag(s("fault-kinds"), faultKinds));
  if (values["cross-posts"] === true) options.crossPosts = true;
  return options;
}

function faultKindsFlag(raw: string | undefined, known: readonly string[]): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  if (list.length === 0 || list.some((k) => !known.includes(k))) {
    throw new CliUsageError("fault-kinds", `--fault-kinds takes a comma-separated list of ${known.join(", ")}; got "${raw}".`);
  }
  return list;
}

/**
 * A comma-separated flag's values (spaces trimmed, empty ones dropped), or undefined when the
 * flag is absent; a flag with no value at all is a `CliUsageError` giving `example`.
 *
 * @example listFlag("api-keys", "k1, k2", "demo") // ["k1", "k2"]
 */
export function listFlag(flag: string, raw: string | undefined, example: string): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  if (list.length === 0) throw new CliUsageError(flag, `--${flag} takes a comma-separated list, e.g. ${example}.`);
  return list;
}
