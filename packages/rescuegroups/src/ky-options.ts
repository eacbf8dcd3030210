import { backoffDelay } from "@cat-harvest/http";
import type { Options } from "ky";
import { reportCallAttempt, type Call } from "./call.js";
import { RescueGroupsError } from "./errors.js";
import { fetchWholeBody } from "./fetch-whole-body.js";
import { acceptAnswer, prepareAttempt, throwTypedRefusal } from "./ky-hooks.js";
import { RETRY_STATUS } from "./retry-options.js";
import type { TransportConfig } from "./transport.js";

/** The JSON:API media type of requests and answers. */
const JSON_API = "application/vnd.api+json";

/**
 * ky does the retrying (limit, methods, statuses, Retry-After on 429, backoff through
 * `backoffDelay`, which draws the full jitter itself) and the per-attempt timeout. The hooks add
 * the key and the shared ceiling before each attempt, the body check after each answer, and
 * typed errors instead of ky's `HTTPError`.
 */
export function kyOptionsFor(config: TransportConfig, call: Call): Options {
  const { retry } = config;
  return {
    method: call.method,
    headers: call.body === undefined ? { accept: JSON_API } : { accept: JSON_API, "content-type": JSON_API },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    signal: call.signal,
    fetch: fetchWholeBody(config.fetch, (failure) => reportCallAttempt(config, call, undefined, failure), call.signal),
    timeout: config.timeout,
    retry: {
      limit: retry.limit,
      // The search is a POST that only reads: safe to repeat.
      methods: ["get", "post"],
      statusCodes: [...RETRY_STATUS],
      afterStatusCodes: [429],
      maxRetryAfter: retry.maxRetryAfterSeconds * 1000,
      backoffLimit: retry.maxDelayMs,
      delay: (attempt) => backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs),
      retryOnTimeout: true,
      shouldRetry: ({ error }) => (call.signal?.aborted || RescueGroupsError.isInstance(error) ? false : undefined),
    },
    hooks: {
      beforeRequest: [(request, _options, { retryCount }) => prepareAttempt(config, call, request, retryCount)],
      afterResponse: [(_request, _options, response) => acceptAnswer(config, call, response)],
      beforeError: [(error, { retryCount }) => throwTypedRefusal(config, call, error, retryCount)],
    },
  };
}
