import type { RetryOptions as HttpRetryOptions, RetrySettings } from "@cat-harvest/http";

/**
 * Retry timing knobs (see `RescueGroupsClientOptions.retry`). Defaults: `limit` 5, `baseDelayMs`
 * 1000, `maxDelayMs` 30000, `maxRetryAfterSeconds` 60 (a longer `Retry-After`, or an answer that
 * speaks of a quota, throws `RescueGroupsQuotaError` at once).
 */
export type RetryOptions = HttpRetryOptions;

export const DEFAULT_RETRY: RetrySettings = { limit: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterSeconds: 60 };
