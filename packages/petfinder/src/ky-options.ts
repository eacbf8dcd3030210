import { backoffDelay } from "@cat-harvest/http";
import type { Options } from "ky";
import { reportCallAttempt, retriesLeft, type Call } from "./call.js";
import { PetfinderError } from "./errors.js";
import { fetchWholeBody } from "./fetch-whole-body.js";
import { acceptAnswer, prepareAttempt, throwTypedRefusal } from "./ky-hooks.js";
import { RETRY_STATUS } from "./retry-options.js";
import type { TransportConfig } from "./transport.js";

/**
 * ky does the retrying (limit, methods, statuses, Retry-After on 429, backoff through
 * `backoffDelay`, which draws the full jitter itself) and the per-attempt timeout. The hooks add
 * what is Petfinder's: the token and the shared ceiling before each attempt, the body check and
 * the token refresh after each answer, and typed errors instead of ky's `HTTPError`.
 */
export function kyOptionsFor(config: TransportConfig, call: Call, body: URLSearchParams | undefined): Options {
  const { retry } = config;
  return {
    method: call.method,
    headers: { accept: "application/json" },
    body,
    signal: call.signal,
    fetch: fetchWholeBody(config.fetch, (failure) => reportCallAttempt(config, call, undefined, failure), call.signal),
    timeout: config.timeout,
    retry: {
      // One spare retry for a refused token, which does not count against the limit (see `retriesLeft`).
      limit: retry.limit + (call.tokens ? 1 : 0),
      methods: ["get", "post"],
      statusCodes: [...RETRY_STATUS],
      afterStatusCodes: [429],
      maxRetryAfter: retry.maxRetryAfterSeconds * 1000,
      backoffLimit: retry.maxDelayMs,
      delay: (attempt) => backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs),
      retryOnTimeout: true,
      shouldRetry: ({ error, retryCount }) => shouldRetry(config, call, error, retryCount),
    },
    hooks: {
      beforeRequest: [(request, _options, { retryCount }) => prepareAttempt(config, call, request, retryCount)],
      afterResponse: [(_request, _options, response) => acceptAnswer(config, call, response)],
      beforeError: [(error, { retryCount }) => throwTypedRefusal(config, call, error, retryCount)],
    },
  };
}

/**
 * Stops ky from retrying a typed error (a refusal, a quota, a token failure), a call its caller
 * aborted, and a call out of retries; everything else is left to ky's own rules.
 */
function shouldRetry(config: TransportConfig, call: Call, error: Error, retryCount: number): false | undefined {
  if (call.signal?.aborted || PetfinderError.isInstance(error)) return false;
  return retriesLeft(config, call, retryCount - 1) ? undefined : false;
}
