import { checkCommonOptions, checkInteger, checkScale, type CommonEmulatorOptions, commonDefaults } from "@cat-harvest/emulator-kit";
import { FAULT_KINDS, type FaultKind } from "./fault-kinds.js";

export { FAULT_KINDS, type FaultKind } from "./fault-kinds.js";

/** Options of `startCatApiEmulator` (and the `thecatapi-emulator` command's flags). */
export interface CatApiEmulatorOptions extends CommonEmulatorOptions<FaultKind> {
  /**
   * Data volume: 1 is about 30,000 images; tests use 0.01 to 0.05.
   * @default 1
   */
  scale?: number;
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
}

/** Options with every default filled in. */
export type ResolvedCatApiEmulatorOptions = Required<CatApiEmulatorOptions>;

const FN = "startCatApiEmulator";

/** Fills in defaults and checks every option, throwing a TypeError that names the bad one. */
export function resolveCatApiEmulatorOptions(options: CatApiEmulatorOptions = {}): ResolvedCatApiEmulatorOptions {
  const o: ResolvedCatApiEmulatorOptions = {
    ...commonDefaults(options, FAULT_KINDS),
    scale: options.scale ?? 1,
    rateLimit: options.rateLimit ?? 10,
    monthlyLimit: options.monthlyLimit ?? 0,
    apiKeys: options.apiKeys ?? ["demo"],
    maxLimit: options.maxLimit ?? 25,
  };
  checkCommonOptions(FN, o, FAULT_KINDS);
  checkScale(FN, o.scale, 20, "Scale 1 is about 30,000 images; tests use 0.01 to 0.05.");
  checkInteger(FN, "rateLimit", o.rateLimit, 0, 1_000_000_000, "Use 0 for no per-second limit.");
  checkInteger(FN, "monthlyLimit", o.monthlyLimit, 0, 1_000_000_000, "Use 0 for no monthly quota.");
  if (!Array.isArray(o.apiKeys) || o.apiKeys.length === 0 || o.apiKeys.some((k) => typeof k !== "string" || k === "")) {
    throw new TypeError(`${FN}: option apiKeys must list at least one non-empty key, e.g. ["demo"].`);
  }
  checkInteger(FN, "maxLimit", o.maxLimit, 1, 1000, "The official OpenAPI file says 25.");
  return o;
}
