import type { RateLimiter, Redactor } from "@cat-harvest/http";
import ky, { isTimeoutError } from "ky";
import type * as v from "valibot";
import { PetfinderError, PetfinderNetworkError, PetfinderTimeoutError } from "./errors.js";
import { NotJsonError, type Call } from "./call.js";
import { kyOptionsFor } from "./ky-options.js";
import type { PetfinderRequestEvent } from "./request-event.js";
import type { RetrySettings } from "./retry-options.js";
import { validateResponse } from "./validate-response.js";

export interface TransportConfig {
  readonly fetch: typeof globalThis.fetch;
  /** Milliseconds one attempt (headers and body) may take. */
  readonly timeout: number;
  readonly retry: RetrySettings;
  readonly limiter: RateLimiter;
  readonly redact: Redactor;
  readonly onRequest: ((event: PetfinderRequestEvent) => void) | undefined;
}

/** The token side the transport needs: get one (shared), and drop one the server refused. */
export interface TokenSource {
  get(signal?: AbortSignal): Promise<string>;
  invalidate(token: string): void;
}

export interface JsonRequest<S extends v.GenericSchema> {
  /** Names the call in messages, e.g. "animals" or "token". */
  readonly operation: string;
  readonly method: "GET" | "POST";
  readonly url: URL;
  readonly schema: S;
  readonly body?: URLSearchParams;
  /** Sends `Authorization: Bearer` from this source and refreshes once on 401/403. */
  readonly tokens?: TokenSource;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Runs one JSON request through ky, with the client's ceiling, timeout, retries and token
 * handling (see `kyOptionsFor`), then checks the accepted body against the schema.
 */
export async function requestJson<S extends v.GenericSchema>(config: TransportConfig, request: JsonRequest<S>): Promise<v.InferOutput<S>> {
  request.signal?.throwIfAborted();
  const call = startCall(request);
  try {
    await ky(request.url, kyOptionsFor(config, call, request.body));
  } catch (error) {
    throw finalError(config, call, error);
  }
  return validateResponse(request.schema, call.body, `Petfinder ${call.operation}: ${call.method}`, call.url);
}

function startCall(request: JsonRequest<v.GenericSchema>): Call {
  const { operation, method, tokens, signal } = request;
  const url = request.url.href;
  return {
    operation,
    method,
    url,
    where: `Petfinder ${operation} (${method} ${url})`,
    kind: tokens ? "api" : "token",
    tokens,
    signal,
    attempt: 0,
    token: undefined,
    refreshed: false,
    body: undefined,
  };
}

/**
 * What the call rejects with once ky gives up: the caller's abort reason, a typed error the
 * hooks already threw (HTTP refusals, token failures), or a timeout or network error.
 */
function finalError(config: TransportConfig, call: Call, error: unknown): unknown {
  if (call.signal?.aborted) return call.signal.reason;
  if (PetfinderError.isInstance(error)) return error;
  const { where, url } = call;
  const attempts = `${call.attempt + 1} attempts`;
  if (isTimeoutError(error)) {
    return new PetfinderTimeoutError(
      `${where} timed out after ${config.timeout} ms, ${attempts}. Raise the timeout option or check the server.`,
      url,
      config.timeout,
      { cause: error },
    );
  }
  if (error instanceof NotJsonError) {
    return new PetfinderNetworkError(
      `${where} answered ${error.status} with a body that is not JSON (${error.length} characters; cut short?) after ${attempts}.`,
      url,
      { cause: error.cause },
    );
  }
  return new PetfinderNetworkError(`${where} failed: ${describeNetworkError(error)} after ${attempts}. Check that baseUrl is reachable.`, url, {
    cause: error,
  });
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}
