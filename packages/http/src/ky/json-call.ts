import type ky from "ky";
import type { KyRequest } from "ky";
import type { RequestEvent } from "../request-event.js";

/** The part of a refused answer the shared plumbing reads; each client reads the rest its own way. */
export interface RefusedAnswer {
  readonly status: number;
  /** The answer's `Retry-After` in ms, `null` when it gave none. */
  readonly retryAfterMs: number | null;
}

/** A client's error classes for the failures without an answer (the constructors of its own classes). */
export interface NoAnswerErrors {
  /** The client's base class: an error of it (a typed refusal from a hook) passes through unchanged and is never retried. */
  readonly Base: { isInstance(error: unknown): boolean };
  readonly Timeout: new (message: string, url: string, timeout: number, options?: ErrorOptions) => Error;
  /** Connection failures and bodies cut short or not JSON. */
  readonly Network: new (message: string, url: string, options?: ErrorOptions) => Error;
}

/** A retry forced from `onRefused` (ky's `ky.retry()` marker). */
export type ForcedRetry = ReturnType<typeof ky.retry>;

/** One JSON call: the request, and what the client adds to the shared plumbing (credentials, its reading of refusals, its errors). */
export interface JsonCall<A extends RefusedAnswer> {
  /** `Petfinder animals (GET https://...)`, the start of every message. */
  readonly where: string;
  readonly method: "GET" | "POST";
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body?: string | URLSearchParams | undefined;
  /** Cancels the call, waits and retries included; it then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  readonly errors: NoAnswerErrors;
  /** Hears of every attempt (the client's `onRequest`, through `notifySafely`). */
  readonly report: (event: RequestEvent) => void;
  /** Sets each attempt's credentials (retries included), before it waits for its slot under the rate ceiling. */
  readonly authorize?: (request: KyRequest) => void | Promise<void>;
  /**
   * Hears of each refused answer before ky decides; a `ky.retry()` it returns retries at once
   * (a refused token replaced). Such retries do not count against `retry.limit`; at most
   * `spareRetries` of them happen.
   */
  readonly onRefused?: (response: Response) => ForcedRetry | undefined;
  /** @default 0 */
  readonly spareRetries?: number;
  /** Reads a refused answer once (its problem body, redacted, and `Retry-After`). */
  readonly readRefusal: (response: Response) => Promise<A>;
  /** Whether a 429 is a used-up quota: thrown at once, never retried. */
  readonly isQuota: (answer: A) => boolean;
  /** The client's typed error for an answer it will not retry (any more). */
  readonly refusalError: (answer: A, attempts: number) => Error;
}

/** A call's accepted answer: its parsed JSON and its headers. */
export interface JsonAnswer {
  readonly body: unknown;
  readonly headers: Headers;
}

/** What the ky hooks of one call's attempts share. */
export interface CallState {
  /** ky's retry count of the attempt in flight: 0 for the first. */
  attempt: number;
  /** Retries forced by `onRefused` so far. */
  forced: number;
  answer: JsonAnswer | undefined;
}

/** Whether the call may be retried after `retriesSoFar` retries; forced retries are not counted. */
export function retriesLeft(limit: number, state: CallState, retriesSoFar: number): boolean {
  return retriesSoFar - state.forced < limit;
}

/** Reports the attempt in flight. */
export function reportAttempt<A extends RefusedAnswer>(
  call: JsonCall<A>,
  state: CallState,
  status: number | undefined,
  failure?: RequestEvent["failure"],
): void {
  const event = { method: call.method, url: call.url.href, attempt: state.attempt, status };
  call.report(failure ? { ...event, failure } : event);
}
