import { reportAttempt, type PetfinderRequestEvent } from "./request-event.js";
import type { TokenSource, TransportConfig } from "./transport.js";

/** One call's state, shared by the ky hooks of its attempts. */
export interface Call {
  readonly operation: string;
  readonly method: "GET" | "POST";
  readonly url: string;
  /** `Petfinder <operation> (<METHOD> <url>)`, the start of every message. */
  readonly where: string;
  readonly kind: PetfinderRequestEvent["kind"];
  readonly tokens: TokenSource | undefined;
  readonly signal: AbortSignal | undefined;
  /** ky's retry count of the attempt in flight: 0 for the first. */
  attempt: number;
  /** The token the attempt in flight sent. */
  token: string | undefined;
  /** A refused token was replaced (once per call; that retry does not count against `retry.limit`). */
  refreshed: boolean;
  /** The parsed JSON of the accepted answer. */
  body: unknown;
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

/** Reports the attempt in flight to `onRequest`. */
export function reportCallAttempt(config: TransportConfig, call: Call, status: number | undefined, failure?: PetfinderRequestEvent["failure"]): void {
  const event = { kind: call.kind, method: call.method, url: call.url, attempt: call.attempt, status };
  reportAttempt(config.onRequest, failure ? { ...event, failure } : event);
}

/** Whether the call may be retried after `retriesSoFar` retries; the one token refresh is not counted. */
export function retriesLeft(config: TransportConfig, call: Call, retriesSoFar: number): boolean {
  return retriesSoFar - (call.refreshed ? 1 : 0) < config.retry.limit;
}
