import { backoffDelay } from "@cat-harvest/http";
import ky, { type HTTPError, isTimeoutError, type KyRequest, type Options } from "ky";
import type * as v from "valibot";
import { type Call, NotJsonError, reportAttempt, type TransportConfig } from "./call.js";
import { CatApiError, CatApiNetworkError, CatApiTimeoutError } from "./errors.js";
import { isQuota, readRefusedAnswer, refusalError } from "./refusal-error.js";
import { validateResponse } from "./validate-response.js";
import { wholeBodyFetch } from "./whole-body-fetch.js";

/** The statuses retried (ky's defaults also retry 408 and 413, which are not a busy server). */
const RETRY_STATUS: readonly number[] = [429, 500, 502, 503, 504];

/** A validated answer with its headers (search pages carry their Pagination-* there). */
export interface JsonAnswer<T> {
  readonly data: T;
  readonly headers: Headers;
}

/**
 * Runs one GET through ky (the client's ceiling, timeout and retries, typed errors from its
 * hooks), then checks the accepted body against the schema.
 */
export async function getJson<S extends v.GenericSchema>(
  config: TransportConfig,
  operation: string,
  url: URL,
  schema: S,
  signal?: AbortSignal,
): Promise<JsonAnswer<v.InferOutput<S>>> {
  signal?.throwIfAborted();
  const call: Call = { url: url.href, where: `The Cat API ${operation} (GET ${url.href})`, signal, attempt: 0, body: undefined, headers: undefined };
  try {
    await ky(url, kyOptions(config, call));
  } catch (error) {
    throw finalError(config, call, error);
  }
  return { data: validateResponse(schema, call.body, call.where, call.url), headers: call.headers! };
}

/**
 * ky does the retrying (limit, statuses, Retry-After on 429, backoff through `backoffDelay`)
 * and the per-attempt timeout; the hooks add the key and the shared ceiling before each
 * attempt, keep the JSON body after it, and turn refusals into typed errors.
 */
function kyOptions(config: TransportConfig, call: Call): Options {
  const { retry } = config;
  return {
    headers: { accept: "application/json" },
    signal: call.signal,
    fetch: wholeBodyFetch(config.fetch, (failure) => reportAttempt(config, call, undefined, failure), call.signal),
    timeout: config.timeout,
    retry: {
      limit: retry.limit,
      methods: ["get"],
      statusCodes: [...RETRY_STATUS],
      afterStatusCodes: [429],
      maxRetryAfter: retry.maxRetryAfterSeconds * 1000,
      backoffLimit: retry.maxDelayMs,
      delay: (attempt) => backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs),
      retryOnTimeout: true,
      shouldRetry: ({ error }) => (call.signal?.aborted || CatApiError.isInstance(error) ? false : undefined),
    },
    hooks: {
      beforeRequest: [(request, _options, { retryCount }) => prepareAttempt(config, call, request, retryCount)],
      afterResponse: [(_request, _options, response) => acceptAnswer(config, call, response)],
      beforeError: [(error, { retryCount }) => throwTypedRefusal(config, call, error, retryCount)],
    },
  };
}

/** Every attempt carries the key and waits for its slot under the shared ceiling. */
async function prepareAttempt(config: TransportConfig, call: Call, request: KyRequest, retryCount: number): Promise<void> {
  call.attempt = retryCount;
  if (config.apiKey !== undefined) request.headers.set("x-api-key", config.apiKey);
  await config.limiter.acquire(call.signal);
}

/** Reports the answer and keeps a 2xx JSON body; one that is not JSON was cut short, so it is thrown for ky to retry. */
async function acceptAnswer(config: TransportConfig, call: Call, response: Response): Promise<void> {
  if (!response.ok) return reportAttempt(config, call, response.status);
  const text = await response.text();
  try {
    call.body = JSON.parse(text);
  } catch (error) {
    reportAttempt(config, call, response.status, "invalid-body");
    throw new NotJsonError(response.status, text.length, { cause: error });
  }
  call.headers = response.headers;
  reportAttempt(config, call, response.status);
}

/**
 * An answer ky will retry goes back to ky as it is (a 429 pausing every call of the client for
 * its `Retry-After`); any other, and the monthly quota at once, becomes a typed error.
 */
async function throwTypedRefusal(config: TransportConfig, call: Call, error: HTTPError, retryCount: number): Promise<HTTPError> {
  const answer = await readRefusedAnswer(error.response, config.redact);
  const { maxRetryAfterSeconds, limit } = config.retry;
  const retried = RETRY_STATUS.includes(answer.status) && !isQuota(answer, maxRetryAfterSeconds) && retryCount < limit;
  if (!retried) throw refusalError(answer, call.where, call.url, retryCount + 1, maxRetryAfterSeconds);
  if (answer.status === 429 && answer.retryAfterMs !== null) config.limiter.pause(answer.retryAfterMs);
  return error;
}

/** What the call rejects with once ky gives up: the caller's abort reason, a typed error, or a timeout or network error. */
function finalError(config: TransportConfig, call: Call, error: unknown): unknown {
  if (call.signal?.aborted) return call.signal.reason;
  if (CatApiError.isInstance(error)) return error;
  const attempts = `${call.attempt + 1} attempts`;
  if (isTimeoutError(error)) {
    return new CatApiTimeoutError(
      `${call.where} timed out after ${config.timeout} ms, ${attempts}. Raise the timeout option or check the server.`,
      call.url,
      config.timeout,
      {
        cause: error,
      },
    );
  }
  if (error instanceof NotJsonError) {
    return new CatApiNetworkError(
      `${call.where} answered ${error.status} with a body that is not JSON (${error.length} characters; cut short?) after ${attempts}.`,
      call.url,
      {
        cause: error.cause,
      },
    );
  }
  const detail = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error);
  return new CatApiNetworkError(`${call.where} failed: ${config.redact.text(detail)} after ${attempts}. Check that baseUrl is reachable.`, call.url, {
    cause: error,
  });
}
