/**
 * Exponential backoff with full jitter: a uniform draw from [0, min(maxMs, baseMs * 2^(retry-1))],
 * so many clients failing together do not retry in lockstep. `retry` is 1 for the first retry
 * (ky's `attemptCount` in its `retry.delay`).
 */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
