import { CliUsageError, COMMON_FLAGS, commonFlagValues, numberFlag, parseFlags } from "@cat-harvest/emulator-kit/cli-flags";
import { FAULT_KINDS, type FaultKind } from "./fault-kinds.js";
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
  --cross-posts          serve a few photos (size full) byte-identical to those of
                         thecatapi-emulator and rescuegroups-emulator at the same --seed,
                         marked "cross_post" in the truth (default off)
  -h, --help             show this help

The first line on stdout is "listening on http://HOST:PORT". Stop with Ctrl-C.
Ground truth: GET /_emulator/truth (JSON lines); counters: GET /_emulator/stats.

Exit codes: 0 stopped cleanly; 1 could not start (say, the port is taken); 2 bad command line.
`;
}

/** The command's help text. */
export const HELP = emulatorHelp();

export { CliUsageError, joinNegativeValues } from "@cat-harvest/emulator-kit/cli-flags";

const FLAGS = {
  ...COMMON_FLAGS,
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
  const values = parseFlags(argv, FLAGS, program);
  if (values.help) return { help: true };
  const s = (k: string) => values[k] as string | undefined;
  const { faultKinds, ...common } = commonFlagValues(values, FAULT_KINDS, 20);
  const options: EmulatorOptions = { warmUp: true, ...common };
  const set = <K extends keyof EmulatorOptions>(key: K, value: EmulatorOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set("dailyLimit", numberFlag("daily-limit", s("daily-limit"), true, 0, 1_000_000_000));
  set("tokenTtlSeconds", numberFlag("token-ttl-seconds", s("token-ttl-seconds"), true, 1, 31_536_000));
  set("stallMs", numberFlag("stall-ms", s("stall-ms"), true, 0, 3_600_000));
  set("faultKinds", faultKinds as FaultKind[] | undefined);
  for (const flag of ["client-id", "client-secret"] as const) {
    if (s(flag) === "") throw new CliUsageError(flag, `--${flag} must not be empty.`);
  }
  set("clientId", s("client-id"));
  set("clientSecret", s("client-secret"));
  return { help: false, options };
}
