import { checkFaultKinds, checkFaultRate, checkInteger, checkScale, checkText } from "@cat-harvest/emulator-kit";
import { FAULT_KINDS, type FaultKind } from "./faults.js";

/** Options of `startEmulator` (and the `petfinder-emulator` command's flags). */
export interface EmulatorOptions {
  /**
   * Seed of all generated data and of the fault draws. Same seed, same data and bytes.
   * @default 1
   */
  seed?: number;
  /**
   * Data volume: 1 is the 2018 write-up's size (about 32,000 cat search records when a client
   * fetches up to 1,500 per breed). Tests use 0.01 to 0.05.
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
   * Delay before every API and photo response, in milliseconds (never on /_emulator).
   * @default 0
   */
  latencyMs?: number;
  /**
   * Probability in [0, 1] that a request fails on purpose (see `faultKinds`).
   * @default 0
   */
  faultRate?: number;
  /**
   * The fault kinds drawn when a request fails.
   * @default all of FAULT_KINDS
   * @example ["status-500", "reset"]
   */
  faultKinds?: readonly FaultKind[];
  /**
   * API requests per second (all clients together) before 429s; 0 = unlimited. Photos and the token endpoint are not limited.
   * @default 50
   */
  rateLimit?: number;
  /**
   * API requests per UTC day before 429s; 0 = unlimited.
   * @default 0
   */
  dailyLimit?: number;
  /**
   * The client id the token endpoint accepts.
   * @default "demo"
   */
  clientId?: string;
  /**
   * The client secret the token endpoint accepts.
   * @default "demo"
   */
  clientSecret?: string;
  /**
   * Lifetime of issued tokens, in seconds.
   * @default 3600
   */
  tokenTtlSeconds?: number;
  /**
   * How long a "stall" fault holds a half-sent body before closing the connection, in milliseconds.
   * @default 20000
   */
  stallMs?: number;
  /**
   * Encode the photo templates in the background right after start-up, so the first photo
   * requests do not wait for them (about a second of CPU, once per process). The command turns it on.
   * @default false
   */
  warmUp?: boolean;
  /**
   * The clock, in milliseconds since the epoch (token expiry and rate-limit windows). Tests pass a fake one.
   * @default Date.now
   */
  now?: () => number;
}

/** Options with every default filled in. */
export type ResolvedEmulatorOptions = Required<EmulatorOptions>;

const FN = "startEmulator";

/** Fills in defaults and checks every option, throwing a TypeError that names the bad one. */
export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const o: ResolvedEmulatorOptions = {
    seed: options.seed ?? 1,
    scale: options.scale ?? 1,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    latencyMs: options.latencyMs ?? 0,
    faultRate: options.faultRate ?? 0,
    faultKinds: options.faultKinds ?? FAULT_KINDS,
    rateLimit: options.rateLimit ?? 50,
    dailyLimit: options.dailyLimit ?? 0,
    clientId: options.clientId ?? "demo",
    clientSecret: options.clientSecret ?? "demo",
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    stallMs: options.stallMs ?? 20_000,
    warmUp: options.warmUp ?? false,
    now: options.now ?? Date.now,
  };
  checkInteger(FN, "seed", o.seed, 0, Number.MAX_SAFE_INTEGER, "Pass e.g. seed: 1.");
  checkScale(FN, o.scale, 20, "Scale 1 is the write-up's size; tests use 0.01 to 0.05.");
  checkText(FN, "host", o.host, ' such as "127.0.0.1"');
  checkInteger(FN, "port", o.port, 0, 65535, "Use 0 for a free port.");
  checkInteger(FN, "latencyMs", o.latencyMs, 0, 600_000, "Use 0 for no added latency.");
  checkFaultRate(FN, o.faultRate);
  checkFaultKinds(FN, o.faultKinds, FAULT_KINDS);
  checkInteger(FN, "rateLimit", o.rateLimit, 0, 1_000_000_000, "Use 0 for no per-second limit.");
  checkInteger(FN, "dailyLimit", o.dailyLimit, 0, 1_000_000_000, "Use 0 for no daily limit.");
  checkText(FN, "clientId", o.clientId, ', e.g. "demo"');
  checkText(FN, "clientSecret", o.clientSecret, ', e.g. "demo"');
  checkInteger(FN, "tokenTtlSeconds", o.tokenTtlSeconds, 1, 31_536_000, "The real API uses 3600.");
  checkInteger(FN, "stallMs", o.stallMs, 0, 3_600_000, "The default is 20000.");
  if (typeof o.warmUp !== "boolean") throw new TypeError("startEmulator: option warmUp must be true or false.");
  if (typeof o.now !== "function") throw new TypeError("startEmulator: option now must be a function returning milliseconds, like Date.now.");
  return o;
}
