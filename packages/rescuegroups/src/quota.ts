import type { JsonApiErrorObject } from "./errors.js";

/**
 * Whether a 429 means a used-up quota rather than a busy moment: its errors say so, or its
 * `Retry-After` is longer than the client sleeps through. (RescueGroups publishes no quota;
 * this is how one would be told apart if it comes.)
 */
export function isQuota(errors: readonly JsonApiErrorObject[], retryAfterMs: number | null, maxRetryAfterSeconds: number): boolean {
  const text = errors.map((e) => `${e.title ?? ""} ${e.detail ?? ""} ${e.code ?? ""}`).join(" ");
  return /quota|daily|per day/i.test(text) || (retryAfterMs !== null && retryAfterMs > maxRetryAfterSeconds * 1000);
}

/** When to continue: after `Retry-After`, or without one at the next 00:00 UTC (a daily quota is assumed). */
export function quotaResetAt(retryAfterMs: number | null, now: number = Date.now()): Date {
  if (retryAfterMs !== null) return new Date(now + retryAfterMs);
  const date = new Date(now);
  date.setUTCHours(24, 0, 0, 0);
  return date;
}
