/**
 * Exponential backoff with full jitter: a uniform draw from [0, min(max, base * 2^(n-1))],
 * so many clients failing together do not retry in lockstep.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
