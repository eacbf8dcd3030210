import type { PetfinderProblem } from "./errors.js";

/**
 * Whether a 429 means the daily quota is used up rather than the per-second rate: its text
 * says so, or its `Retry-After` is longer than the client will sleep through.
 */
export function isQuota(problem: PetfinderProblem | undefined, retryAfterMs: number | null, maxRetryAfterSeconds: number): boolean {
  const text = `${problem?.detail ?? ""} ${problem?.title ?? ""}`.toLowerCase();
  return /daily|quota|per day/.test(text) || (retryAfterMs !== null && retryAfterMs > maxRetryAfterSeconds * 1000);
}

/** When the quota resets: after `Retry-After`, or without one Petfinder's documented reset, the next 00:00 UTC. */
export function quotaResetAt(retryAfterMs: number | null, now: number = Date.now()): Date {
  if (retryAfterMs !== null) return new Date(now + retryAfterMs);
  const date = new Date(now);
  date.setUTCHours(24, 0, 0, 0);
  return date;
}
