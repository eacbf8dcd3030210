import { isQuotaRefusal, quotaResetAt as resetAt } from "@cat-harvest/http";
import type { PetfinderProblem } from "./errors.js";

/**
 * Whether a 429 means the daily quota is used up rather than the per-second rate: its text
 * says so, or its `Retry-After` is longer than the client will sleep through.
 */
export function isQuota(problem: PetfinderProblem | undefined, retryAfterMs: number | null, maxRetryAfterSeconds: number): boolean {
  return isQuotaRefusal(`${problem?.detail ?? ""} ${problem?.title ?? ""}`, /daily|quota|per day/i, retryAfterMs, maxRetryAfterSeconds);
}

/** When the quota resets: after `Retry-After`, or without one Petfinder's documented reset, the next 00:00 UTC. */
export function quotaResetAt(retryAfterMs: number | null, now: number = Date.now()): Date {
  return resetAt(retryAfterMs, "day", now);
}
