import { COMMON_FLAGS, commonFlagValues, listFlag, numberFlag, parseFlags } from "@cat-harvest/emulator-kit/cli-flags";
import { FAULT_KINDS, type FaultKind } from "./fault-kinds.js";
import type { CatApiEmulatorOptions } from "./options.js";

/** The help text, for the command as `program` calls it. */
export function catApiEmulatorHelp(program = "thecatapi-emulator"): string {
  return `${program}: an offline The Cat API v1 with an image CDN (JPEG, PNG, GIF)

Usage: ${program} [options]

  --host HOST            interface to listen on (default 127.0.0.1)
  --port N               port, 0 for a free one (default 0)
  --seed N               data and fault seed (default 1)
  --scale X              data volume, 1 = about 30,000 images (default 1)
  --latency-ms N         delay before every API and image response (default 0)
  --fault-rate P         probability 0..1 that a request fails on purpose (default 0)
  --fault-kinds K,K      fault kinds to draw (default all: ${FAULT_KINDS.join(",")})
  --rate-limit N         API requests per second before 429, 0 = unlimited (default 10)
  --monthly-limit N      API requests per UTC month before 429, 0 = unlimited (default 0)
  --api-keys K,K         accepted x-api-key values (default demo)
  --max-limit N          largest limit a keyed search honours (default 25)
  --stall-ms N           how long a stalled body hangs (default 20000)
  --cross-posts          serve a few JPEG images byte-identical to photos of
                         petfinder-emulator and rescuegroups-emulator at the same --seed,
                         marked "cross_post" in the truth (default off)
  -h, --help             show this help

The first line on stdout is "listening on http://HOST:PORT"; the API root is that URL plus /v1.
Ground truth: GET /_emulator/truth (JSON lines); counters: GET /_emulator/stats.

Exit codes: 0 stopped cleanly; 1 could not start (say, the port is taken); 2 bad command line.
`;
}

/** The command's help text. */
export const HELP = catApiEmulatorHelp();

const FLAGS = {
  ...COMMON_FLAGS,
  "monthly-limit": { type: "string" },
  "api-keys": { type: "string" },
  "max-limit": { type: "string" },
  "stall-ms": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * Parses the command's arguments into options, or `{ help: true }`. Throws `CliUsageError`.
 *
 * @example parseCatApiCliArgs(["--port", "8080"]) // { help: false, options: { warmUp: true, port: 8080 } }
 */
export function parseCatApiCliArgs(
  argv: readonly string[],
  { program = "thecatapi-emulator" }: { readonly program?: string } = {},
): { help: true } | { help: false; options: CatApiEmulatorOptions } {
  const values = parseFlags(argv, FLAGS, program);
  if (values.help) return { help: true };
  const s = (k: string) => values[k] as string | undefined;
  const { faultKinds, ...common } = commonFlagValues(values, FAULT_KINDS, 20);
  const options: CatApiEmulatorOptions = { warmUp: true, ...common };
  const set = <K extends keyof CatApiEmulatorOptions>(key: K, value: CatApiEmulatorOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set("faultKinds", faultKinds as FaultKind[] | undefined);
  set("monthlyLimit", numberFlag("monthly-limit", s("monthly-limit"), true, 0, 1_000_000_000));
  set("maxLimit", numberFlag("max-limit", s("max-limit"), true, 1, 1000));
  set("stallMs", numberFlag("stall-ms", s("stall-ms"), true, 0, 3_600_000));
  set("apiKeys", listFlag("api-keys", s("api-keys"), "demo"));
  return { help: false, options };
}
