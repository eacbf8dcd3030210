import type { RateLimiter, Redactor } from "@cat-harvest/http";
import type { CatApiRequestEvent, RetrySettings } from "./client-options.js";

/** What every call of a client shares. */
export interface TransportConfig {
  readonly fetch: typeof globalThis.fetch;
  /** Milliseconds one attempt (headers and body) may take. */
  readonly timeout: number;
  readonly retry: RetrySettings;
  readonly limiter: RateLimiter;
  readonly redact: Redactor;
  readonly apiKey: string | undefined;
  readonly onRequest: ((event: CatApiRequestEvent) => void) | undefined;
}

/** One call's state, shared by the ky hooks of its attempts. */
export interface Call {
  readonly url: string;
  /** `The Cat API <operation> (GET <url>)`, the start of every message. */
  readonly where: string;
  readonly signal: AbortSignal | undefined;
  /** ky's retry count of the attempt in flight: 0 for the first. */
  attempt: number;
  /** The parsed JSON and the headers of the accepted answer. */
  body: unknown;
  headers: Headers | undefined;
}

/** A 2xx answer whose body is not JSON, most likely cut short: retried like a dropped connection. */
export class NotJsonError extends Error {
  override name = "NotJsonError";
  constructor(
    readonly status: number,
    readonly length: number,
    options: ErrorOptions,
  ) {
    super(`the ${status} answer's body is not JSON (${length} characters)`, options);
  }
}

/** Reports the attempt in flight to `onRequest`; a counting hook must not break the request it observes. */
export function reportAttempt(config: TransportConfig, call: Call, status: number | undefined, failure?: CatApiRequestEvent["failure"]): void {
  const event = { method: "GET", url: call.url, attempt: call.attempt, status };
  try {
    config.onRequest?.(failure ? { ...event, failure } : event);
  } catch {
    // Ignored on purpose (see above).
  }
}
