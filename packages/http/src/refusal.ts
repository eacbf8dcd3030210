import { parseRetryAfter } from "./retry-after.js";

/** An error answer, read once: its status, its body as text and parsed (when it is JSON), and its `Retry-After`. */
export interface Refusal {
  readonly status: number;
  readonly text: string;
  /** The body parsed as JSON; `undefined` when it is not JSON. */
  readonly json: unknown;
  /** The `Retry-After` in ms, `null` when absent or unreadable. */
  readonly retryAfterMs: number | null;
}

/** Reads a refused answer's body (an unreadable one counts as empty) and its `Retry-After`. */
export async function readRefusal(response: Response): Promise<Refusal> {
  const text = await response.text().catch(() => "");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) };
}

/**
 * Whether a 429 means a used-up quota rather than a busy moment: what the server said matches
 * `quotaWords`, or its `Retry-After` is longer than the client sleeps through.
 */
export function isQuotaRefusal(said: string, quotaWords: RegExp, retryAfterMs: number | null, maxRetryAfterSeconds: number): boolean {
  return quotaWords.test(said) || (retryAfterMs !== null && retryAfterMs > maxRetryAfterSeconds * 1000);
}

/** When a used-up quota resets: after `Retry-After`, or without one at the start of the next UTC `period`. */
export function quotaResetAt(retryAfterMs: number | null, period: "day" | "month", now: number = Date.now()): Date {
  if (retryAfterMs !== null) return new Date(now + retryAfterMs);
  const date = new Date(now);
  return period === "day"
    ? new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1))
    : new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

/** `Retry-After` in seconds, as the clients' rate-limit errors carry it; `undefined` when the server gave none. */
export function retryAfterSeconds(retryAfterMs: number | null): number | undefined {
  return retryAfterMs === null ? undefined : retryAfterMs / 1000;
}

/** A 429 the client will not retry (any more), as `tooManyRequestsError` reads it. */
export interface TooManyRequests<P> {
  /** `Petfinder animals (GET https://...)`, the start of the message. */
  readonly where: string;
  readonly url: string;
  readonly attempts: number;
  /** What the server said, as `": <words>"`, or `""`. */
  readonly said: string;
  readonly retryAfterMs: number | null;
  /** Whether it is a used-up quota (see `isQuotaRefusal`) rather than the per-second rate. */
  readonly quota: boolean;
  /** When a quota without `Retry-After` resets: the next UTC day or month. */
  readonly period: "day" | "month";
  /** What the client's errors carry of the answer (its problem body, its server message). */
  readonly payload: P | undefined;
}

/** The constructors of a client's two 429 errors. */
export interface TooManyRequestsErrors<P, Q extends Error, R extends Error> {
  readonly Quota: new (message: string, url: string, retryAfter: number | undefined, resetAt: Date, payload?: P) => Q;
  readonly RateLimit: new (message: string, url: string, retryAfter: number | undefined, payload?: P) => R;
}

/** A 429 as the client's typed error: a used-up quota with when it resets, or the per-second rate still exceeded after every retry. */
export function tooManyRequestsError<P, Q extends Error, R extends Error>(refusal: TooManyRequests<P>, errors: TooManyRequestsErrors<P, Q, R>): Q | R {
  const { where, url, said, retryAfterMs, payload } = refusal;
  const retryAfter = retryAfterSeconds(retryAfterMs);
  if (!refusal.quota) {
    return new errors.RateLimit(`${where} answered 429${said} after ${refusal.attempts} attempts; lower requestsPerSecond.`, url, retryAfter, payload);
  }
  const resetAt = quotaResetAt(retryAfterMs, refusal.period);
  const message = `${where} answered 429${said}: the request quota is used up until ${resetAt.toISOString()}. Stop, and continue after that.`;
  return new errors.Quota(message, url, retryAfter, resetAt, payload);
}
