import { parseArgs, type ParseArgsConfig } from "node:util";
import { PHOTO_SIZES, type PhotoSize } from "@cat-harvest/photos";
import { HarvestUsageError } from "../errors.js";

/** Shared by `harvest` and `breeds`. */
export interface ApiFlags {
  readonly demo: boolean;
  readonly type: string;
  readonly apiUrl?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly json: boolean;
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
      /** Emulator scale for --demo. */
      readonly scale?: number;
    })
  | (ApiFlags & { readonly command: "breeds" })
  | { readonly command: "download"; readonly input: string; readonly out: string; readonly concurrency?: number; readonly json: boolean }
  | {
      readonly command: "emulator";
      readonly host: string;
      readonly port: number;
      readonly seed: number;
      readonly scale: number;
      readonly latencyMs: number;
      readonly faultRate: number;
      readonly rateLimit: number;
      readonly dailyLimit: number;
      readonly clientId: string;
      readonly clientSecret: string;
    }
  | { readonly command: "verify"; readonly dest: string; readonly json: boolean };

const COMMANDS = ["harvest", "breeds", "download", "emulator", "verify", "help"] as const;

/** Usage text for `--help`. */
export const USAGE = `cat-harvest: adoptable-pet photos into a verifiable image data set, one folder per breed.

Usage:
  cat-harvest [harvest] [--demo] [--type cat] [--breeds "Siamese,Bengal"] [--per-breed 1500]
              [--cap 5000] [--size full|large|medium|small] [--out DEST] [--concurrency 64]
              [--api-url URL] [--client-id ID] [--client-secret SECRET] [--refresh] [--json]
  cat-harvest breeds [--type cat] [--demo] [--json]      the breed list
  cat-harvest download --input FILE --out DEST           any URL list: .txt, .csv or .jsonl (url, label)
  cat-harvest emulator [--port 0] [--scale 1] [--fault-rate 0] ...   the bundled emulator
  cat-harvest verify DEST [--json]                       re-check stored files against metadata.jsonl

DEST: a folder (./cat_breeds), an archive (cats.tar, cats.tar.gz) or s3://bucket/prefix.
Credentials: PETFINDER_CLIENT_ID and PETFINDER_CLIENT_SECRET (or the flags); --demo needs none.
S3: the standard AWS variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION,
AWS_ENDPOINT_URL for S3-compatible stores).

Exit codes: 0 done; 1 failed; 2 bad command line; 3 partial (some photos failed or the
quota ran out: run again to continue; verify: problems found); 130 interrupted (run again
to resume).`;

function fail(option: string, message: string): never {
  throw new HarvestUsageError(option, `${message}. Run \`cat-harvest --help\` for usage.`);
}

function integer(option: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(value) || value < min || value > max) {
    fail(option, `--${option} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function decimal(option: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value < min || value > max) {
    fail(option, `--${option} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function url(option: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http");
  } catch {
    fail(option, `--${option} must be an http(s) URL such as https://api.petfinder.com, got ${JSON.stringify(raw)}`);
  }
  return raw.replace(/\/+$/, "");
}

/**
 * Reads a cat-harvest command line (without the runtime and script: `process.argv.slice(2)`,
 * `Bun.argv.slice(2)`, `Deno.args`). Throws `HarvestUsageError` naming the bad flag.
 *
 * @example parseCommandLine(["--breeds", "Bengal,Siamese", "--out", "cats.tar.gz"])
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommand {
  const first = argv[0];
  let command: (typeof COMMANDS)[number] = "harvest";
  let rest = [...argv];
  if (first !== undefined && !first.startsWith("-")) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      fail("command", `Unknown command ${JSON.stringify(first)}; the commands are ${COMMANDS.join(", ")}`);
    }
    command = first as (typeof COMMANDS)[number];
    rest = rest.slice(1);
  }
  if (command === "help") return { command: "help", ...(rest[0] ? { topic: rest[0] } : {}) };

  const common = {
    help: { type: "boolean", short: "h" },
    version: { type: "boolean" },
    json: { type: "boolean" },
  } as const;
  const api = {
    demo: { type: "boolean" },
    type: { type: "string" },
    "api-url": { type: "string" },
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
  } as const;
  const parse = (options: NonNullable<ParseArgsConfig["options"]>, positionals = 0) => {
    try {
      const result = parseArgs({ args: rest, options: { ...common, ...options }, allowPositionals: positionals > 0, strict: true });
      if (result.positionals.length > positionals) fail("arguments", `Unexpected argument ${JSON.stringify(result.positionals[positionals])}`);
      return result as unknown as { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
    } catch (error) {
      if (error instanceof HarvestUsageError) throw error;
      const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, "");
      return fail("arguments", message.replace(/\.$/, ""));
    }
  };
  const apiFlags = (v: Record<string, unknown>): ApiFlags => {
    const type = (v.type as string | undefined) ?? "cat";
    if (type.trim() === "") fail("type", "--type must name an animal type such as cat or dog");
    return {
      demo: v.demo === true,
      type: type.trim(),
      ...(v["api-url"] !== undefined ? { apiUrl: url("api-url", v["api-url"] as string)! } : {}),
      ...(v["client-id"] !== undefined ? { clientId: v["client-id"] as string } : {}),
      ...(v["client-secret"] !== undefined ? { clientSecret: v["client-secret"] as string } : {}),
      json: v.json === true,
    };
  };

  switch (command) {
    case "harvest": {
      const { values: v } = parse({
        ...api,
        breeds: { type: "string", multiple: true },
        "per-breed": { type: "string" },
        cap: { type: "string" },
        size: { type: "string" },
        out: { type: "string", short: "o" },
        concurrency: { type: "string" },
        refresh: { type: "boolean" },
        scale: { type: "string" },
      });
      if (v.help) return { command: "help", topic: "harvest" };
      if (v.version) return { command: "version" };
      const breeds = (v.breeds as string[] | undefined)?.flatMap((b) => b.split(",")).map((b) => b.trim()).filter(Boolean);
      if (v.breeds !== undefined && breeds!.length === 0) fail("breeds", '--breeds needs at least one breed name, e.g. --breeds "Siamese,Bengal"');
      const size = v.size as string | undefined;
      if (size !== undefined && !(PHOTO_SIZES as readonly string[]).includes(size)) {
        fail("size", `--size must be one of full, large, medium, small, got ${JSON.stringify(size)}`);
      }
      if (v.out !== undefined && (v.out as string).trim() === "") fail("out", "--out needs a DEST: a folder, a .tar/.tar.gz file or s3://bucket/prefix");
      const scale = decimal("scale", v.scale as string | undefined, 0.0001, 10);
      if (scale !== undefined && v.demo !== true) fail("scale", "--scale only applies with --demo");
      const flags = apiFlags(v);
      if (flags.demo && flags.apiUrl) fail("api-url", "--api-url and --demo exclude each other: --demo starts its own emulator");
      return {
        command: "harvest",
        ...flags,
        ...(breeds ? { breeds } : {}),
        ...optional("perBreed", integer("per-breed", v["per-breed"] as string | undefined, 1)),
        ...optional("cap", integer("cap", v.cap as string | undefined, 1)),
        ...optional("size", size as PhotoSize | undefined),
        ...optional("out", v.out as string | undefined),
        ...optional("concurrency", integer("concurrency", v.concurrency as string | undefined, 1, 256)),
        ...optional("scale", scale),
        refresh: v.refresh === true,
      };
    }
    case "breeds": {
      const { values: v } = parse(api);
      if (v.help) return { command: "help", topic: "breeds" };
      return { command: "breeds", ...apiFlags(v) };
    }
    case "download": {
      const { values: v } = parse({ input: { type: "string", short: "i" }, out: { type: "string", short: "o" }, concurrency: { type: "string" } });
      if (v.help) return { command: "help", topic: "download" };
      if (typeof v.input !== "string" || v.input === "") fail("input", "download needs --input FILE: a .txt, .csv or .jsonl URL list");
      if (typeof v.out !== "string" || v.out === "") fail("out", "download needs --out DEST: a folder, a .tar/.tar.gz file or s3://bucket/prefix");
      return {
        command: "download",
        input: v.input,
        out: v.out,
        ...optional("concurrency", integer("concurrency", v.concurrency as string | undefined, 1, 256)),
        json: v.json === true,
      };
    }
    case "emulator": {
      const { values: v } = parse({
        host: { type: "string" },
        port: { type: "string" },
        seed: { type: "string" },
        scale: { type: "string" },
        "latency-ms": { type: "string" },
        "fault-rate": { type: "string" },
        "rate-limit": { type: "string" },
        "daily-limit": { type: "string" },
        "client-id": { type: "string" },
        "client-secret": { type: "string" },
      });
      if (v.help) return { command: "help", topic: "emulator" };
      return {
        command: "emulator",
        host: (v.host as string | undefined) ?? "127.0.0.1",
        port: integer("port", v.port as string | undefined, 0, 65535) ?? 0,
        seed: integer("seed", v.seed as string | undefined, 0) ?? 1,
        scale: decimal("scale", v.scale as string | undefined, 0.0001, 10) ?? 1,
        latencyMs: integer("latency-ms", v["latency-ms"] as string | undefined, 0) ?? 0,
        faultRate: decimal("fault-rate", v["fault-rate"] as string | undefined, 0, 1) ?? 0,
        rateLimit: integer("rate-limit", v["rate-limit"] as string | undefined, 0) ?? 50,
        dailyLimit: integer("daily-limit", v["daily-limit"] as string | undefined, 0) ?? 0,
        clientId: (v["client-id"] as string | undefined) ?? "demo",
        clientSecret: (v["client-secret"] as string | undefined) ?? "demo",
      };
    }
    case "verify": {
      const { values: v, positionals } = parse({}, 1);
      if (v.help) return { command: "help", topic: "verify" };
      if (!positionals[0]) fail("dest", "verify needs the DEST to check, e.g. cat-harvest verify ./cat_breeds");
      return { command: "verify", dest: positionals[0], json: v.json === true };
    }
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
