/** What `/_emulator/stats` reports. */
export interface EmulatorStats {
  /** Every request, /_emulator ones included. */
  requests: number;
  /** Counts by route ("GET /v2/animals", "GET photo"...) and HTTP status (or "reset" for a reset connection). */
  routes: Record<string, Record<string, number>>;
  /** Faults injected, by kind. */
  faults: Record<string, number>;
  /** Tokens issued. */
  tokens: number;
}

/** Counts requests by route and status. */
export class StatsCounter {
  readonly stats: EmulatorStats = { requests: 0, routes: {}, faults: {}, tokens: 0 };

  count(route: string, status: number | string): void {
    this.stats.requests++;
    const byStatus = (this.stats.routes[route] ??= {});
    byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
  }

  fault(kind: string): void {
    this.stats.faults[kind] = (this.stats.faults[kind] ?? 0) + 1;
  }

  /** A copy safe to hand out. */
  snapshot(): EmulatorStats {
    return JSON.parse(JSON.stringify(this.stats)) as EmulatorStats;
  }
}
