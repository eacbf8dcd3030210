import type { WireFault } from "./faults.js";
import { type EmulatorResponse, type Reply, replyResponse } from "./responses.js";

/** What `/_emulator/stats` reports: these counters, plus any an emulator adds (Petfinder's `tokens`). */
export interface RequestStats {
  /** Every request, /_emulator ones included. */
  requests: number;
  /** Counts by route ("GET /v2/animals", "GET photo"...) and HTTP status (or "reset" for a reset connection). */
  routes: Record<string, Record<string, number>>;
  /** Faults injected, by kind. */
  faults: Record<string, number>;
}

/** Counts requests by route and status, and faults by kind. */
export class StatsCounter<Extra extends object = object> {
  readonly stats: RequestStats & Extra;

  constructor(extra: Extra = {} as Extra) {
    this.stats = { requests: 0, routes: {}, faults: {}, ...extra };
  }

  count(route: string, status: number | string): void {
    this.stats.requests++;
    const byStatus = (this.stats.routes[route] ??= {});
    byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
  }

  /** Counts `reply` under `route` and hands it back as a response (with its wire fault, if any). */
  reply(route: string, reply: Reply, wireFault?: WireFault): EmulatorResponse {
    this.count(route, reply.status);
    return replyResponse(reply, wireFault);
  }

  fault(kind: string): void {
    this.stats.faults[kind] = (this.stats.faults[kind] ?? 0) + 1;
  }

  /** A copy safe to hand out. */
  snapshot(): RequestStats & Extra {
    return JSON.parse(JSON.stringify(this.stats)) as RequestStats & Extra;
  }
}
