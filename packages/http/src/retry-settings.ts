/** A client's retry knobs (its `retry` option). Each client documents its own defaults. */
export interface RetryOptions {
  /** Retries after the first attempt, for 429 (per second), 5xx, network errors, bodies cut short or not JSON, and timeouts. 0 turns retrying off. */
  limit?: number;
  /** The first backoff delay in ms; each retry doubles it, with full jitter. */
  baseDelayMs?: number;
  /** The largest backoff delay in ms. */
  maxDelayMs?: number;
  /** The longest `Retry-After` (in seconds) the client sleeps through on a 429. A longer one is a quota: the client throws its quota error at once. */
  maxRetryAfterSeconds?: number;
}

/** `RetryOptions` with every default filled in. */
export type RetrySettings = Required<RetryOptions>;

/** The statuses retried. (ky's defaults also retry 408 and 413, which the APIs do not send for a busy server.) */
export const RETRY_STATUS: readonly number[] = [429, 500, 502, 503, 504];

/** The defaults, overridden by each option given; `{ limit: undefined }` means the default. */
export function retrySettings(defaults: RetrySettings, options: RetryOptions | undefined): RetrySettings {
  const given = Object.entries(options ?? {}).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(given) };
}
