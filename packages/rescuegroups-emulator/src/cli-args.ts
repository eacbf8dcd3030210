import { COMMON_FLAGS, commonFlagValues, listFlag, numberFlag, parseFlags } from "@cat-harvest/emulator-kit/cli-flags";
import { FAULT_KINDS, type FaultKind } from "./fault-kinds.js";
import type { RescueGroupsEmulatorOptions } from "./options.js";

/** The help text, for the command as `program` calls it. */
export function rescueGroupsEmulatorHelp(program = "rescuegroups-emulator"): string {
  return `${program}: an offline RescueGroups.org API v5 with a picture CDN

Usage: ${program} [options]

  --host HOST            interface to listen on (default 127.0.0.1)
  --port N               port, 0 for a free one (default 0)
  --seed N               data and fault seed (default 1)
  --scale X              data volume, 1 = about 12,000 cats (default 1)
  --latency-ms N         delay before every API and picture response (default 0)
  --fault-rate P         probability 0..1 that a request fails on purpose (default 0)
  --fault-kinds K,K      fault kinds to draw (default all: ${FAULT_KINDS.join(",")})
  --rate-limit N         API requests per second before 429, 0 = unlimited (default 10)
  --daily-limit N        API requests per UTC day before 429, 0 = unlimited (default 0)
  --api-keys K,K         accepted Authorization values (default demo)
  --stall-ms N           how long a stalled body hangs (default 20000)
  --cross-posts          serve a few pictures (original size) byte-identical to photos of
                         petfinder-emulator and thecatapi-emulator at the same --seed,
                         marked "cross_post" in the truth (default off)
  -h, --help             show this help

The first line on stdout is "listening on http://HOST:PORT"; the API root is that URL plus /v5.
Send the key as the whole Authorization header (no "Bearer").
Ground truth: GET /_emulator/truth (JSON lines); counters: GET /_emulator/stats.

Exit codes: 0 stopped cleanly; 1 could not start (say, the port is taken); 2 bad command line.
`;
}

/** The command's help text. */
export const HELP = rescueGroupsEmulatorHelp();

const FLAGS = {
  ...COMMON_FLAGS,
  "daily-limit": { type: "string" },
  "api-keys": { type: "string" },
  "stall-ms": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * Parses the command's arguments into options, or `{ help: true }`. Throws `CliUsageError`.
 *
 * @example parseRescueGroupsCliArgs(["--port", "8080"]) // { help: false, options: { warmUp: true, port: 8080 } }
 */
export function parseRescueGroupsCliArgs(
  argv: readonly string[],
  { program = "rescuegroups-emulator" }: { readonly program?: string } = {},
): { help: true } | { help: false; options: RescueGroupsEmulatorOptions } {
  const values = parseFlags(argv, FLAGS, program);
  if (values.help) return { help: true };
  const s = (k: string) => values[k] as string | undefined;
  const { faultKinds, ...common } = commonFlagValues(values, FAULT_KINDS, 20);
  const options: RescueGroupsEmulatorOptions = { warmUp: true, ...common };
  const set = <K extends keyof RescueGroupsEmulatorOptions>(key: K, value: RescueGroupsEmulatorOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set("faultKinds", faultKinds as FaultKind[] | undefined);
  set("dailyLimit", numberFlag("daily-limit", s("daily-limit"), true, 0, 1_000_000_000));
  set("stallMs", numberFlag("stall-ms", s("stall-ms"), true, 0, 3_600_000));
  set("apiKeys", listFlag("api-keys", s("api-keys"), "demo"));
  return { help: false, options };
}
