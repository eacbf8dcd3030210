/** Retry timing knobs (see `RescueGroupsClientOptions.retry`). */
export interface RetryOptions {
  /**
   * Retries after the first attempt, for 429, 5xx, network errors, bodies cut short or not
   * JSON, and timeouts. 0 turns retrying off.
   * @default 5
   */
  limit?: number;
  /**
   * The first backoff delay in ms; each retry doubles it, with full jitter.
   * @default 1000
   */
  baseDelayMs?: number;
  /**
   * The largest backoff delay in ms.
   * @default 30000
   */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` (in seconds) the client sleeps through on a 429. A longer one,
   * or an answer that speaks of a quota, throws `RescueGroupsQuotaError` at once.
   * @default 60
   */
  maxRetryAfterSeconds?: number;
}

/** `RetryOptions` with every default filled in. */
export type RetrySettings = Required<RetryOptions>;

export const DEFAULT_RETRY: RetrySettings = { limit: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterSeconds: 60 };

/** The statuses retried. */
export const RETRY_STATUS: readonly number[] = [429, 500, 502, 503, 504];
