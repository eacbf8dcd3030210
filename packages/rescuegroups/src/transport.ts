import type { RateLimiter, Redactor } from "@cat-harvest/http";
import ky, { isTimeoutError } from "ky";
import type * as v from "valibot";
import { NotJsonError, type Call } from "./call.js";
import { RescueGroupsError, RescueGroupsNetworkError, RescueGroupsTimeoutError } from "./errors.js";
import { kyOptionsFor } from "./ky-options.js";
import type { RescueGroupsRequestEvent } from "./request-event.js";
import type { RetrySettings } from "./retry-options.js";
import { validateResponse } from "./validate-response.js";

export interface TransportConfig {
  readonly apiKey: string;
  readonly fetch: typeof globalThis.fetch;
  /** Milliseconds one attempt (headers and body) may take. */
  readonly timeout: number;
  readonly retry: RetrySettings;
  readonly limiter: RateLimiter;
  readonly redact: Redactor;
  readonly onRequest: ((event: RescueGroupsRequestEvent) => void) | undefined;
}

export interface JsonRequest<S extends v.GenericSchema> {
  /** Names the call in messages, e.g. "cat search". */
  readonly operation: string;
  readonly url: URL;
  readonly schema: S;
  /** A JSON:API body: sent as a POST. */
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

/** Runs one request through ky (ceiling, timeout, retries, typed refusals), then checks the answer against the schema. */
export async function requestJson<S extends v.GenericSchema>(config: TransportConfig, request: JsonRequest<S>): Promise<v.InferOutput<S>> {
  request.signal?.throwIfAborted();
  const method = request.body === undefined ? "GET" : "POST";
  const url = request.url.href;
  const where = `RescueGroups ${request.operation} (${method} ${url})`;
  const call: Call = { operation: request.operation, method, url, where, body: request.body, signal: request.signal, attempt: 0, answer: undefined };
  try {
    await ky(request.url, kyOptionsFor(config, call));
  } catch (error) {
    throw finalError(config, call, error);
  }
  return validateResponse(request.schema, call.answer, where, url);
}

/** What a call rejects with once ky gives up: the caller's abort reason, a typed refusal, or a timeout or network error. */
function finalError(config: TransportConfig, call: Call, error: unknown): unknown {
  if (call.signal?.aborted) return call.signal.reason;
  if (RescueGroupsError.isInstance(error)) return error;
  const attempts = `${call.attempt + 1} attempts`;
  if (isTimeoutError(error)) {
    return new RescueGroupsTimeoutError(
      `${call.where} timed out after ${config.timeout} ms, ${attempts}. Raise the timeout option or check the server.`,
      call.url,
      config.timeout,
      {
        cause: error,
      },
    );
  }
  if (error instanceof NotJsonError) {
    return new RescueGroupsNetworkError(
      `${call.where} answered ${error.status} with a body that is not JSON (${error.length} characters) after ${attempts}.`,
      call.url,
      {
        cause: error.cause,
      },
    );
  }
  const why = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error);
  return new RescueGroupsNetworkError(`${call.where} failed: ${config.redact.text(why)} after ${attempts}. Check that baseUrl is reachable.`, call.url, {
    cause: error,
  });
}
