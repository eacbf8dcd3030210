import { checkFaultKinds, checkFaultRate, checkInteger, checkScale, checkText, COMMON_FAULT_KINDS, type CommonFaultKind } from "@cat-harvest/emulator-kit";

/** The ways a request can be made to fail on purpose. */
export const FAULT_KINDS = COMMON_FAULT_KINDS;
export type FaultKind = CommonFaultKind;

/** Options of `startCatApiEmulator` (and the `thecatapi-emulator` command's flags). */
export interface CatApiEmulatorOptions {
  /**
   * Seed of all generated data, image bytes and fault draws. Same seed, same data and bytes.
   * @default 1
   */
  seed?: number;
  /**
   * Data volume: 1 is about 30,000 images; tests use 0.01 to 0.05.
   * @default 1
   */
  scale?: number;
  /**
   * Interface to listen on. Keep it on loopback.
   * @default "127.0.0.1"
   */
  host?: string;
  /**
   * Port; 0 picks a free one (read it back from `emulator.url`).
   * @default 0
   */
  port?: number;
  /**
   * Delay before every API and image response, in milliseconds (never on /_emulator).
   * @default 0
   */
  latencyMs?: number;
  /**
   * Probability in [0, 1] that an API or image request fails on purpose (see `faultKinds`).
   * @default 0
   */
  faultRate?: number;
  /**
   * The fault kinds drawn when a request fails.
   * @default all of FAULT_KINDS
   */
  faultKinds?: readonly FaultKind[];
  /**
   * API requests per second (all clients together) before 429s; 0 = unlimited. Images are not limited.
   * @default 10
   */
  rateLimit?: number;
  /**
   * API requests per UTC calendar month before 429s (the free plan's quota); 0 = unlimited.
   * @default 0
   */
  monthlyLimit?: number;
  /**
   * The `x-api-key` values accepted. A request without the header is served in keyless mode
   * (at most 10 images, no breed data, no paging); any other value is refused with 401.
   * @default ["demo"]
   */
  apiKeys?: readonly string[];
  /**
   * The largest `limit` a keyed search honours (a larger one is cut to it; read `Pagination-Limit`).
   * @default 25
   */
  maxLimit?: number;
  /**
   * How long a "stall" fault holds a half-sent body before closing the connection, in milliseconds.
   * @default 20000
   */
  stallMs?: number;
  /**
   * Encode the image templates in the background right after start-up. The command turns it on.
   * @default false
   */
  warmUp?: boolean;
  /**
   * The clock, in milliseconds since the epoch (rate-limit windows and the month). Tests pass a fake one.
   * @default Date.now
   */
  now?: () => number;
}

/** Options with every default filled in. */
export type ResolvedCatApiEmulatorOptions = Required<CatApiEmulatorOptions>;

const FN = "startCatApiEmulator";

/** Fills in defaults and checks every option, throwing a TypeError that names the bad one. */
export function resolveCatApiEmulatorOptions(options: CatApiEmulatorOptions = {}): ResolvedCatApiEmulatorOptions {
  const o: ResolvedCatApiEmulatorOptions = {
    seed: options.seed ?? 1,
    scale: options.scale ?? 1,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    latencyMs: options.latencyMs ?? 0,
    faultRate: options.faultRate ?? 0,
    faultKinds: options.faultKinds ?? FAULT_KINDS,
    rateLimit: options.rateLimit ?? 10,
    monthlyLimit: options.monthlyLimit ?? 0,
    apiKeys: options.apiKeys ?? ["demo"],
    maxLimit: options.maxLimit ?? 25,
    stallMs: options.stallMs ?? 20_000,
    warmUp: options.warmUp ?? false,
    now: options.now ?? Date.now,
  };
  checkInteger(FN, "seed", o.seed, 0, Number.MAX_SAFE_INTEGER, "Pass e.g. seed: 1.");
  checkScale(FN, o.scale, 20, "Scale 1 is about 30,000 images; tests use 0.01 to 0.05.");
  checkText(FN, "host", o.host, ' such as "127.0.0.1"');
  checkInteger(FN, "port", o.port, 0, 65535, "Use 0 for a free port.");
  checkInteger(FN, "latencyMs", o.latencyMs, 0, 600_000, "Use 0 for no added latency.");
  checkFaultRate(FN, o.faultRate);
  checkFaultKinds(FN, o.faultKinds, FAULT_KINDS);
  checkInteger(FN, "rateLimit", o.rateLimit, 0, 1_000_000_000, "Use 0 for no per-second limit.");
  checkInteger(FN, "monthlyLimit", o.monthlyLimit, 0, 1_000_000_000, "Use 0 for no monthly quota.");
  if (!Array.isArray(o.apiKeys) || o.apiKeys.length === 0 || o.apiKeys.some((k) => typeof k !== "string" || k === "")) {
    throw new TypeError(`${FN}: option apiKeys must list at least one non-empty key, e.g. ["demo"].`);
  }
  checkInteger(FN, "maxLimit", o.maxLimit, 1, 1000, "The official OpenAPI file says 25.");
  checkInteger(FN, "stallMs", o.stallMs, 0, 3_600_000, "The default is 20000.");
  if (typeof o.warmUp !== "boolean") throw new TypeError(`${FN}: option warmUp must be true or false.`);
  if (typeof o.now !== "function") throw new TypeError(`${FN}: option now must be a function returning milliseconds, like Date.now.`);
  return o;
}
