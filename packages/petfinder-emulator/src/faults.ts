import { hashInts, hashString, unit } from "./hash.js";

/** The ways a request can be made to fail on purpose. */
export const FAULT_KINDS = ["status-500", "status-502", "status-503", "status-429", "reset", "cut-short", "stall", "early-expiry"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which routes a fault can hit: the token endpoint and photos never get an early token expiry. */
export type FaultRoute = "api" | "token" | "photo";

/**
 * Decides faults from hash(seed, method + path + query, how many times this exact request
 * was seen), so a retry draws afresh and the outcome does not depend on concurrency order.
 */
export class FaultPlan {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly seed: number,
    private readonly rate: number,
    private readonly kinds: readonly FaultKind[],
  ) {}

  /** The fault for this request, or undefined. */
  draw(method: string, pathAndQuery: string, route: FaultRoute): FaultKind | undefined {
    if (this.rate <= 0) return undefined;
    const key = `${method} ${pathAndQuery}`;
    const nth = this.#seen.get(key) ?? 0;
    this.#seen.set(key, nth + 1);
    const h = hashString(key, this.seed);
    if (unit(hashInts(this.seed, h, nth, 0xfa)) >= this.rate) return undefined;
    const kinds = route === "api" ? this.kinds : this.kinds.filter((k) => k !== "early-expiry");
    if (kinds.length === 0) return undefined;
    return kinds[hashInts(this.seed, h, nth, 0xfb) % kinds.length];
  }
}
