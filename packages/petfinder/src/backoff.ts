/** Retry timing knobs (see `PetfinderClientOptions.retry`). */
export interface RetryOptions {
  /**
   * Retries after the first attempt, for 429 (per second), 5xx, network errors, bodies cut
   * short and timeouts. 0 turns retrying off.
   * @default 5
   */
  limit?: number;
  /**
   * The first backoff delay in ms; each retry doubles it, with full jitter.
   * @default 500
   */
  baseDelayMs?: number;
  /**
   * The largest backoff delay in ms.
   * @default 15000
   */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` (in seconds) the client will sleep through on a 429. A longer one
   * (or a "daily" limit) is a quota: it throws `PetfinderQuotaError` at once.
   * @default 60
   */
  maxRetryAfterSeconds?: number;
}

/** Full-jitter exponential backoff: a random delay in [0, min(max, base * 2^retry)]. */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  return Math.round(ceiling * random());
}

/**
 * Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date.
 * `undefined` when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}
