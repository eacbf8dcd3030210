import type { Options } from "ky";
import { backoffDelay } from "../backoff.js";
import type { Transport } from "../client-options.js";
import { RETRY_STATUS } from "../retry-settings.js";
import { fetchWholeBody } from "../whole-body-fetch.js";
import { acceptAnswer, prepareAttempt, throwTypedRefusal } from "./ky-hooks.js";
import { reportAttempt, retriesLeft, type CallState, type JsonCall, type RefusedAnswer } from "./json-call.js";

/**
 * ky does the retrying (limit, statuses, Retry-After on 429, backoff through `backoffDelay`,
 * which draws the full jitter itself) and the per-attempt timeout, over a `fetch` that waits for
 * the whole body. The hooks add the client's credentials and the shared ceiling before each
 * attempt, the body check after each answer, and the client's typed errors instead of ky's `HTTPError`.
 */
export function kyOptionsFor<A extends RefusedAnswer>(transport: Transport, call: JsonCall<A>, state: CallState): Options {
  const { retry } = transport;
  return {
    method: call.method,
    headers: call.headers,
    body: call.body,
    signal: call.signal,
    fetch: fetchWholeBody(transport.fetch, (failure) => reportAttempt(call, state, undefined, failure), call.signal),
    timeout: transport.timeout,
    retry: {
      limit: retry.limit + (call.spareRetries ?? 0),
      // Every call the clients make only reads (a token request, a search sent as a POST): safe to repeat.
      methods: ["get", "post"],
      statusCodes: [...RETRY_STATUS],
      afterStatusCodes: [429],
      maxRetryAfter: retry.maxRetryAfterSeconds * 1000,
      backoffLimit: retry.maxDelayMs,
      delay: (attempt) => backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs),
      retryOnTimeout: true,
      shouldRetry: ({ error, retryCount }) => shouldRetry(transport, call, state, error, retryCount),
    },
    hooks: {
      beforeRequest: [(request, _options, { retryCount }) => prepareAttempt(transport, call, state, request, retryCount)],
      afterResponse: [(_request, _options, response) => acceptAnswer(call, state, response)],
      beforeError: [(error, { retryCount }) => throwTypedRefusal(transport, call, state, error, retryCount)],
    },
  };
}

/**
 * Stops ky from retrying a typed error (a refusal, a quota, a token failure), a call its caller
 * aborted, and a call out of retries; everything else is left to ky's own rules.
 */
function shouldRetry<A extends RefusedAnswer>(transport: Transport, call: JsonCall<A>, state: CallState, error: Error, retryCount: number): false | undefined {
  if (call.signal?.aborted || call.errors.Base.isInstance(error)) return false;
  return retriesLeft(transport.retry.limit, state, retryCount - 1) ? undefined : false;
}
