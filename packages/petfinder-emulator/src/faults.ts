import { FaultPlan as KitFaultPlan } from "@cat-harvest/emulator-kit";
import type { FaultKind } from "./fault-kinds.js";

export { FAULT_KINDS, type FaultKind } from "./fault-kinds.js";

/** Which routes a fault can hit: the token endpoint and photos never get an early token expiry. */
export type FaultRoute = "api" | "token" | "photo";

const NOT_EARLY_EXPIRY: readonly FaultKind[] = ["early-expiry"];

/** The kit's fault draws, with early expiry only on API data routes. */
export class FaultPlan {
  readonly #plan: KitFaultPlan<FaultKind>;

  constructor(seed: number, rate: number, kinds: readonly FaultKind[]) {
    this.#plan = new KitFaultPlan(seed, rate, kinds);
  }

  /** The fault for this request, or undefined. */
  draw(method: string, pathAndQuery: string, route: FaultRoute): FaultKind | undefined {
    return this.#plan.draw(method, pathAndQuery, route === "api" ? [] : NOT_EARLY_EXPIRY);
  }
}
