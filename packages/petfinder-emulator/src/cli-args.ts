import { parseArgs } from "node:util";
import { FAULT_KINDS, type FaultKind } from "./faults.js";
import type { EmulatorOptions } from "./options.js";

/** The command's help text. */
export const HELP = `petfinder-emulator: an offline Petfinder API v2 server with a photo CDN

Usage: petfinder-emulator [options]

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
`;

/** A command line that cannot be used; the command prints the message and exits with 2. */
export class CliUsageError extends Error {
  override name = "CliUsageError" as const;
}

function num(flag: string, raw: string | undefined, integer: boolean, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new CliUsageError(`--${flag} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}; got "${raw}".`);
  }
  return n;
}

/** Parses the command's arguments into options, or `{ help: true }`. */
export function parseCliArgs(argv: readonly string[]): { help: true } | { help: false; options: EmulatorOptions } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
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
      },
    }));
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}. Run petfinder-emulator --help for the flags.`);
  }
  if (values.help) return { help: true };
  const s = (k: string) => values[k] as string | undefined;
  const options: EmulatorOptions = { warmUp: true };
  const set = <K extends keyof EmulatorOptions>(key: K, value: EmulatorOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set("host", s("host"));
  if (s("host") === "") throw new CliUsageError("--host must not be empty; use e.g. 127.0.0.1.");
  set("port", num("port", s("port"), true, 0, 65535));
  set("seed", num("seed", s("seed"), true, 0, Number.MAX_SAFE_INTEGER));
  const scale = num("scale", s("scale"), false, 0, 20);
  if (scale === 0) throw new CliUsageError(`--scale must be above 0 (e.g. 0.05); got "${s("scale")}".`);
  set("scale", scale);
  set("latencyMs", num("latency-ms", s("latency-ms"), true, 0, 600_000));
  set("faultRate", num("fault-rate", s("fault-rate"), false, 0, 1));
  set("rateLimit", num("rate-limit", s("rate-limit"), true, 0, 1_000_000_000));
  set("dailyLimit", num("daily-limit", s("daily-limit"), true, 0, 1_000_000_000));
  set("tokenTtlSeconds", num("token-ttl-seconds", s("token-ttl-seconds"), true, 1, 31_536_000));
  set("stallMs", num("stall-ms", s("stall-ms"), true, 0, 3_600_000));
  const kinds = s("fault-kinds");
  if (kinds !== undefined) {
    const list = kinds.split(",").map((k) => k.trim()).filter(Boolean);
    const bad = list.filter((k) => !FAULT_KINDS.includes(k as FaultKind));
    if (bad.length > 0 || list.length === 0) {
      throw new CliUsageError(`--fault-kinds takes a comma-separated list of ${FAULT_KINDS.join(", ")}; got "${kinds}".`);
    }
    options.faultKinds = list as FaultKind[];
  }
  for (const flag of ["client-id", "client-secret"] as const) {
    if (s(flag) === "") throw new CliUsageError(`--${flag} must not be empty.`);
  }
  set("clientId", s("client-id"));
  set("clientSecret", s("client-secret"));
  return { help: false, options };
}
