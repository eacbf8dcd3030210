import { checkFaultKinds, checkFaultRate, checkInteger, checkText } from "./option-checks.js";

/** The options every emulator takes, whatever API it speaks. */
export interface CommonEmulatorOptions<K extends string = string> {
  /**
   * Seed of all generated data, of the image bytes and of the fault draws. Same seed, same data and bytes.
   * @default 1
   */
  seed?: number;
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
   * Probability in [0, 1] that a request fails on purpose (see `faultKinds`).
   * @default 0
   */
  faultRate?: number;
  /**
   * The fault kinds drawn when a request fails.
   * @default all of the emulator's FAULT_KINDS
   * @example ["status-500", "reset"]
   */
  faultKinds?: readonly K[];
  /**
   * How long a "stall" fault holds a half-sent body before closing the connection, in milliseconds.
   * @default 20000
   */
  stallMs?: number;
  /**
   * Encode the image templates in the background right after start-up, so the first image
   * requests do not wait for them. The commands turn it on.
   * @default false
   */
  warmUp?: boolean;
  /**
   * Serve the cross-posted pool (`crossPostPool`): a few photos of the breeds all three sources
   * know, byte-identical in every emulator started at the same seed with this on, each under
   * this emulator's own ids and marked with a `cross_post` key in the truth. Off, the data and
   * bytes are those of earlier versions.
   * @default false
   */
  crossPosts?: boolean;
  /**
   * The clock, in milliseconds since the epoch (rate-limit windows, quotas, token expiry). Tests pass a fake one.
   * @default Date.now
   */
  now?: () => number;
}

/** The common options with their defaults filled in, the fault kinds defaulting to `kinds`. */
export function commonDefaults<K extends string>(options: CommonEmulatorOptions<K>, kinds: readonly K[]): Required<CommonEmulatorOptions<K>> {
  return {
    seed: options.seed ?? 1,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    latencyMs: options.latencyMs ?? 0,
    faultRate: options.faultRate ?? 0,
    faultKinds: options.faultKinds ?? kinds,
    stallMs: options.stallMs ?? 20_000,
    warmUp: options.warmUp ?? false,
    crossPosts: options.crossPosts ?? false,
    now: options.now ?? Date.now,
  };
}

/** Checks the common options, throwing a TypeError that names `fn` and the bad option. */
export function checkCommonOptions<K extends string>(fn: string, o: Required<CommonEmulatorOptions<K>>, kinds: readonly K[]): void {
  checkInteger(fn, "seed", o.seed, 0, Number.MAX_SAFE_INTEGER, "Pass e.g. seed: 1.");
  checkText(fn, "host", o.host, ' such as "127.0.0.1"');
  checkInteger(fn, "port", o.port, 0, 65535, "Use 0 for a free port.");
  checkInteger(fn, "latencyMs", o.latencyMs, 0, 600_000, "Use 0 for no added latency.");
  checkFaultRate(fn, o.faultRate);
  checkFaultKinds(fn, o.faultKinds, kinds);
  checkInteger(fn, "stallMs", o.stallMs, 0, 3_600_000, "The default is 20000.");
  if (typeof o.warmUp !== "boolean") throw new TypeError(`${fn}: option warmUp must be true or false.`);
  if (typeof o.crossPosts !== "boolean") throw new TypeError(`${fn}: option crossPosts must be true or false.`);
  if (typeof o.now !== "function") throw new TypeError(`${fn}: option now must be a function returning milliseconds, like Date.now.`);
}
