import { checkCommonOptions, checkInteger, checkScale, checkText, type CommonEmulatorOptions, commonDefaults } from "@cat-harvest/emulator-kit";
import { FAULT_KINDS, type FaultKind } from "./faults.js";

/** Options of `startEmulator` (and the `petfinder-emulator` command's flags). */
export interface EmulatorOptions extends CommonEmulatorOptions<FaultKind> {
  /**
   * Data volume: 1 is the 2018 write-up's size (about 32,000 cat search records when a client
   * fetches up to 1,500 per breed). Tests use 0.01 to 0.05.
   * @default 1
   */
  scale?: number;
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
   * Encode the photo templates in the background right after start-up, so the first photo
   * requests do not wait for them (about a second of CPU, once per process). The command turns it on.
   * @default false
   */
  warmUp?: boolean;
}

/** Options with every default filled in. */
export type ResolvedEmulatorOptions = Required<EmulatorOptions>;

const FN = "startEmulator";

/** Fills in defaults and checks every option, throwing a TypeError that names the bad one. */
export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const o: ResolvedEmulatorOptions = {
    ...commonDefaults(options, FAULT_KINDS),
    scale: options.scale ?? 1,
    rateLimit: options.rateLimit ?? 50,
    dailyLimit: options.dailyLimit ?? 0,
    clientId: options.clientId ?? "demo",
    clientSecret: options.clientSecret ?? "demo",
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
  };
  checkCommonOptions(FN, o, FAULT_KINDS);
  checkScale(FN, o.scale, 20, "Scale 1 is the write-up's size; tests use 0.01 to 0.05.");
  checkInteger(FN, "rateLimit", o.rateLimit, 0, 1_000_000_000, "Use 0 for no per-second limit.");
  checkInteger(FN, "dailyLimit", o.dailyLimit, 0, 1_000_000_000, "Use 0 for no daily limit.");
  checkText(FN, "clientId", o.clientId, ', e.g. "demo"');
  checkText(FN, "clientSecret", o.clientSecret, ', e.g. "demo"');
  checkInteger(FN, "tokenTtlSeconds", o.tokenTtlSeconds, 1, 31_536_000, "The real API uses 3600.");
  return o;
}
