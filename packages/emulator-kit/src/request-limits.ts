/** The period a request quota counts over, in UTC. */
export type QuotaPeriod = "day" | "month";

/** The outcome of a limit check: admitted, or refused with seconds to wait. */
export type LimitDecision = { ok: true } | { ok: false; kind: "second" | "quota"; retryAfter: number };

/** The start of the UTC period holding `nowMs`, and of the next one. */
function periodBounds(period: QuotaPeriod, nowMs: number): [number, number] {
  if (period === "day") {
    const day = Math.floor(nowMs / 86_400_000);
    return [day * 86_400_000, (day + 1) * 86_400_000];
  }
  const d = new Date(nowMs);
  return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)];
}

/**
 * A per-second limit (one fixed window shared by every client) and a quota per UTC day or
 * month. Only admitted requests count, so a client that backs off after a 429 gets its full
 * allowance. 0 turns either off.
 */
export class RequestLimits {
  #second = -1;
  #inSecond = 0;
  #period = -1;
  #inPeriod = 0;

  constructor(
    readonly perSecond: number,
    readonly quota: number,
    readonly period: QuotaPeriod,
  ) {}

  check(nowMs: number): LimitDecision {
    const [start, next] = periodBounds(this.period, nowMs);
    if (start !== this.#period) {
      this.#period = start;
      this.#inPeriod = 0;
    }
    if (this.quota > 0 && this.#inPeriod >= this.quota) {
      return { ok: false, kind: "quota", retryAfter: Math.max(1, Math.ceil((next - nowMs) / 1000)) };
    }
    const second = Math.floor(nowMs / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#inSecond = 0;
    }
    if (this.perSecond > 0 && this.#inSecond >= this.perSecond) return { ok: false, kind: "second", retryAfter: 1 };
    this.#inSecond++;
    this.#inPeriod++;
    return { ok: true };
  }
}
