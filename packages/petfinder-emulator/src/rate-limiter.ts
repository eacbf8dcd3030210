/** The outcome of a rate-limit check. */
export type RateDecision = { ok: true } | { ok: false; kind: "second" | "daily"; retryAfter: number };

/**
 * Per-second (shared fixed window) and per-UTC-day limits. Only admitted requests count,
 * so a client that backs off after a 429 gets its full allowance.
 */
export class RateLimiter {
  #second = -1;
  #inSecond = 0;
  #day = -1;
  #inDay = 0;

  constructor(
    readonly perSecond: number,
    readonly perDay: number,
  ) {}

  check(nowMs: number): RateDecision {
    const day = Math.floor(nowMs / 86_400_000);
    if (day !== this.#day) {
      this.#day = day;
      this.#inDay = 0;
    }
    if (this.perDay > 0 && this.#inDay >= this.perDay) {
      return { ok: false, kind: "daily", retryAfter: Math.max(1, Math.ceil(((day + 1) * 86_400_000 - nowMs) / 1000)) };
    }
    const second = Math.floor(nowMs / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#inSecond = 0;
    }
    if (this.perSecond > 0 && this.#inSecond >= this.perSecond) {
      return { ok: false, kind: "second", retryAfter: 1 };
    }
    this.#inSecond++;
    this.#inDay++;
    return { ok: true };
  }
}
