import type { RetryOptions as HttpRetryOptions, RetrySettings } from "@cat-harvest/http";

/**
 * Retry timing knobs (see `PetfinderClientOptions.retry`). Defaults: `limit` 5, `baseDelayMs`
 * 500, `maxDelayMs` 15000, `maxRetryAfterSeconds` 60 (a longer `Retry-After`, or a "daily" limit,
 * is a quota: it throws `PetfinderQuotaError` at once).
 */
export type RetryOptions = HttpRetryOptions;

export const DEFAULT_RETRY: RetrySettings = { limit: 5, baseDelayMs: 500, maxDelayMs: 15_000, maxRetryAfterSeconds: 60 };
