import { reportAttempt, type RescueGroupsRequestEvent } from "./request-event.js";
import type { TransportConfig } from "./transport.js";

/** One call's state, shared by the ky hooks of its attempts. */
export interface Call {
  readonly operation: string;
  readonly method: "GET" | "POST";
  readonly url: string;
  /** `RescueGroups <operation> (<METHOD> <url>)`, the start of every message. */
  readonly where: string;
  /** The JSON body sent, when any: a 400's pointer is resolved against it. */
  readonly body: unknown;
  readonly signal: AbortSignal | undefined;
  /** ky's retry count of the attempt in flight: 0 for the first. */
  attempt: number;
  /** The parsed JSON of the accepted answer. */
  answer: unknown;
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
export function reportCallAttempt(config: TransportConfig, call: Call, status: number | undefined, failure?: RescueGroupsRequestEvent["failure"]): void {
  const event = { method: call.method, url: call.url, attempt: call.attempt, status };
  reportAttempt(config.onRequest, failure ? { ...event, failure } : event);
}
