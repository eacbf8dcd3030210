import { sleep } from "./sleep.js";

/** Spaces request starts so that no more than `perSecond` begin in any second. */
export interface RateLimiter {
  /** Resolves when the caller may start one request; rejects with `signal.reason` on abort. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Holds every request back for `ms` (a server's `Retry-After`), not just the one refused. */
  pause(ms: number): void;
}

/**
 * One limiter is shared by every call of a client (token requests and retries included).
 * Slots are reserved in call order; an aborted caller gives its slot back only if no later
 * caller has reserved one after it, which keeps the bookkeeping simple and never exceeds the ceiling.
 */
export function createRateLimiter(perSecond: number, now: () => number = () => Date.now()): RateLimiter {
  const interval = perSecond === Infinity ? 0 : 1000 / perSecond;
  let next = 0;
  return {
    async acquire(signal) {
      signal?.throwIfAborted();
      const t = now();
      const slot = Math.max(t, next);
      next = slot + interval;
      if (slot > t) {
        try {
          await sleep(slot - t, signal);
        } catch (error) {
          if (next === slot + interval) next = slot;
          throw error;
        }
      }
    },
    pause(ms) {
      next = Math.max(next, now() + ms);
    },
  };
}
