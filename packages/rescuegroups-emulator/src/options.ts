import { checkCommonOptions, checkInteger, checkScale, type CommonEmulatorOptions, commonDefaults } from "@cat-harvest/emulator-kit";
import { FAULT_KINDS, type FaultKind } from "./fault-kinds.js";

export { FAULT_KINDS, type FaultKind } from "./fault-kinds.js";

/** Options of `startRescueGroupsEmulator` (and the `rescuegroups-emulator` command's flags). */
export interface RescueGroupsEmulatorOptions extends CommonEmulatorOptions<FaultKind> {
  /**
   * Data volume: 1 is about 12,000 adoptable cats (about 28,000 pictures); tests use 0.01 to 0.05.
   * @default 1
   */
  scale?: number;
  /**
   * API requests per second (all clients together) before 429s; 0 = unlimited. Pictures are not limited.
   * @default 10
   */
  rateLimit?: number;
  /**
   * API requests per UTC day before 429s (a daily quota); 0 = unlimited.
   * @default 0
   */
  dailyLimit?: number;
  /**
   * The keys accepted as the whole `Authorization` header value; a missing or other value is a 401.
   * @default ["demo"]
   */
  apiKeys?: readonly string[];
}

/** Options with every default filled in. */
export type ResolvedRescueGroupsEmulatorOptions = Required<RescueGroupsEmulatorOptions>;

const FN = "startRescueGroupsEmulator";

/** Fills in defaults and checks every option, throwing a TypeError that names the bad one. */
export function resolveRescueGroupsEmulatorOptions(options: RescueGroupsEmulatorOptions = {}): ResolvedRescueGroupsEmulatorOptions {
  const o: ResolvedRescueGroupsEmulatorOptions = {
    ...commonDefaults(options, FAULT_KINDS),
    scale: options.scale ?? 1,
    rateLimit: options.rateLimit ?? 10,
    dailyLimit: options.dailyLimit ?? 0,
    apiKeys: options.apiKeys ?? ["demo"],
  };
  checkCommonOptions(FN, o, FAULT_KINDS);
  checkScale(FN, o.scale, 20, "Scale 1 is about 12,000 cats; tests use 0.01 to 0.05.");
  checkInteger(FN, "rateLimit", o.rateLimit, 0, 1_000_000_000, "Use 0 for no per-second limit.");
  checkInteger(FN, "dailyLimit", o.dailyLimit, 0, 1_000_000_000, "Use 0 for no daily quota.");
  if (!Array.isArray(o.apiKeys) || o.apiKeys.length === 0 || o.apiKeys.some((k) => typeof k !== "string" || k === "")) {
    throw new TypeError(`${FN}: option apiKeys must list at least one non-empty key, e.g. ["demo"].`);
  }
  return o;
}
