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

/** `RetryOptions` with every default filled in. */
export type RetrySettings = Required<RetryOptions>;

export const DEFAULT_RETRY: RetrySettings = { limit: 5, baseDelayMs: 500, maxDelayMs: 15_000, maxRetryAfterSeconds: 60 };

/** The statuses retried. (ky's defaults also retry 408 and 413, which Petfinder does not send for a busy server.) */
export const RETRY_STATUS: readonly number[] = [429, 500, 502, 503, 504];
