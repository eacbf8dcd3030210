import { isQuotaRefusal } from "@cat-harvest/http";
import type { JsonApiErrorObject } from "./errors.js";

/**
 * Whether a 429 means a used-up quota rather than a busy moment: its errors say so, or its
 * `Retry-After` is longer than the client sleeps through. (RescueGroups publishes no quota;
 * this is how one would be told apart if it comes.) Without a `Retry-After` it resets at the
 * next 00:00 UTC (a daily quota is assumed).
 */
export function isQuota(errors: readonly JsonApiErrorObject[], retryAfterMs: number | null, maxRetryAfterSeconds: number): boolean {
  const text = errors.map((e) => `${e.title ?? ""} ${e.detail ?? ""} ${e.code ?? ""}`).join(" ");
  return isQuotaRefusal(text, /quota|daily|per day/i, retryAfterMs, maxRetryAfterSeconds);
}
