import { parseArgs } from "node:util";
import { FAULT_KINDS, type FaultKind } from "./faults.js";
import type { EmulatorOptions } from "./options.js";

/** The help text, for the command as `program` calls it (`cat-harvest emulator` runs the same flags). */
export function emulatorHelp(program = "petfinder-emulator"): string {
  return `${program}: an offline Petfinder API v2 server with a photo CDN

Usage: ${program} [options]

  --host HOST            interface to listen on (default 127.0.0.1)
  --port N               port, 0 for a free one (default 0)
  --seed N               data and fault seed (default 1)
  --scale X              data volume, 1 = the 2018 write-up's size (default 1)
  --latency-ms N         delay before every API and photo response (default 0)
  --fault-rate P         probability 0..1 that a request fails on purpose (default 0)
  --fault-kinds K,K      fault kinds to draw (default all: ${FAULT_KINDS.join(",")})
  --rate-limit N         API requests per second before 429, 0 = unlimited (default 50)
  --daily-limit N        API requests per UTC day before 429, 0 = unlimited (default 0)
  --client-id ID         accepted client id (default demo)
  --client-secret S      accepted client secret (default demo)
  --token-ttl-seconds N  token lifetime (default 3600)
  --stall-ms N           how long a stalled body hangs (default 20000)
  -h, --help             show this help

The first line on stdout is "listening on http://HOST:PORT". Stop with Ctrl-C.
Ground truth: GET /_emulator/truth (JSON lines); counters: GET /_emulator/stats.

Exit codes: 0 stopped cleanly; 1 could not start (say, the port is taken); 2 bad command line.
`;
}

/** The command's help text. */
export const HELP = emulatorHelp();

/** A command line that cannot be used; the command prints the message and exits with 2. */
export class CliUsageError extends Error {
  override name = "CliUsageError" as const;
  /** The flag without its dashes (`fault-rate`), or `arguments` for an unknown flag or a stray word. */
  readonly flag: string;
  constructor(flag: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.flag = flag;
  }
}

function num(flag: string, raw: string | undefined, integer: boolean, min: number, max: number): number | undefined {
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

const FLAGS = {
  host: { type: "string" },
  port: { type: "string" },
  seed: { type: "string" },
  scale: { type: "string" },
  "latency-ms": { type: "string" },
  "fault-rate": { type: "string" },
  "fault-kinds": { type: "string" },
  "rate-limit": { type: "string" },
  "daily-limit": { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  "token-ttl-seconds": { type: "string" },
  "stall-ms": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Options of `parseCliArgs`. */
export interface ParseCliArgsOptions {
  /** How the user called the command, for "Run ... --help" in messages. @default "petfinder-emulator" */
  readonly program?: string;
}

/**
 * Parses the command's arguments into options, or `{ help: true }`. Throws `CliUsageError`.
 *
 * @example parseCliArgs(["--port", "8080"]) // { help: false, options: { warmUp: true, port: 8080 } }
 */
export function parseCliArgs(
  argv: readonly string[],
  { program = "petfinder-emulator" }: ParseCliArgsOptions = {},
): { help: true } | { help: false; options: EmulatorOptions } {
  const valueFlags = Object.entries(FLAGS)
    .filter(([, f]) => f.type === "string")
    .map(([name]) => name);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(argv, valueFlags),
      strict: true,
      allowPositionals: false,
      options: FLAGS,
    }));
  } catch (error) {
    throw new CliUsageError("arguments", `${(error as Error).message}. Run ${program} --help for the flags.`, { cause: error });
  }
  if (values.help) return { help: true };
  const s = (k: string) => values[k] as string | undefined;
  const options: EmulatorOptions = { warmUp: true };
  const set = <K extends keyof EmulatorOptions>(key: K, value: EmulatorOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set("host", s("host"));
  if (s("host") === "") throw new CliUsageError("host", "--host must not be empty; use e.g. 127.0.0.1.");
  set("port", num("port", s("port"), true, 0, 65535));
  set("seed", num("seed", s("seed"), true, 0, Number.MAX_SAFE_INTEGER));
  const scale = num("scale", s("scale"), false, 0, 20);
  if (scale === 0) throw new CliUsageError("scale", `--scale must be above 0 (e.g. 0.05); got "${s("scale")}".`);
  set("scale", scale);
  set("latencyMs", num("latency-ms", s("latency-ms"), true, 0, 600_000));
  set("faultRate", num("fault-rate", s("fault-rate"), false, 0, 1));
  set("rateLimit", num("rate-limit", s("rate-limit"), true, 0, 1_000_000_000));
  set("dailyLimit", num("daily-limit", s("daily-limit"), true, 0, 1_000_000_000));
  set("tokenTtlSeconds", num("token-ttl-seconds", s("token-ttl-seconds"), true, 1, 31_536_000));
  set("stallMs", num("stall-ms", s("stall-ms"), true, 0, 3_600_000));
  const kinds = s("fault-kinds");
  if (kinds !== undefined) {
    const list = kinds
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean);
    const bad = list.filter((k) => !FAULT_KINDS.includes(k as FaultKind));
    if (bad.length > 0 || list.length === 0) {
      throw new CliUsageError("fault-kinds", `--fault-kinds takes a comma-separated list of ${FAULT_KINDS.join(", ")}; got "${kinds}".`);
    }
    options.faultKinds = list as FaultKind[];
  }
  for (const flag of ["client-id", "client-secret"] as const) {
    if (s(flag) === "") throw new CliUsageError(flag, `--${flag} must not be empty.`);
  }
  set("clientId", s("client-id"));
  set("clientSecret", s("client-secret"));
  return { help: false, options };
}
