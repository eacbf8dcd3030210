import { hashInts, hashString, unit } from "./hash.js";

/** The fault kinds every emulator draws from (an emulator may add its own, such as Petfinder's early token expiry). */
export const COMMON_FAULT_KINDS = ["status-500", "status-502", "status-503", "status-429", "reset", "cut-short", "stall"] as const;
export type CommonFaultKind = (typeof COMMON_FAULT_KINDS)[number];

/** Faults the socket layer carries out while sending: a body cut short, or one that stalls. */
export type WireFault = "cut-short" | "stall";

/** Whether a fault happens on the wire (the response is otherwise the normal one). */
export function isWireFault(kind: string | undefined): kind is WireFault {
  return kind === "cut-short" || kind === "stall";
}

/**
 * Decides faults from hash(seed, method + path + query, how many times this exact request
 * was seen), so a retry draws afresh and the outcome does not depend on concurrency order.
 */
export class FaultPlan<K extends string = string> {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly seed: number,
    private readonly rate: number,
    private readonly kinds: readonly K[],
  ) {}

  /** The fault for this request, or undefined; kinds in `exclude` are not drawn for it. */
  draw(method: string, pathAndQuery: string, exclude: readonly K[] = []): K | undefined {
    if (this.rate <= 0) return undefined;
    const key = `${method} ${pathAndQuery}`;
    const nth = this.#seen.get(key) ?? 0;
    this.#seen.set(key, nth + 1);
    const h = hashString(key, this.seed);
    if (unit(hashInts(this.seed, h, nth, 0xfa)) >= this.rate) return undefined;
    const kinds = exclude.length === 0 ? this.kinds : this.kinds.filter((k) => !exclude.includes(k));
    if (kinds.length === 0) return undefined;
    return kinds[hashInts(this.seed, h, nth, 0xfb) % kinds.length];
  }
}
