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
