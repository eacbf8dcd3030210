import { notifySafely, type Transport } from "@cat-harvest/http";
import { sendJson, type ForcedRetry } from "@cat-harvest/http/ky";
import ky, { type KyRequest } from "ky";
import type * as v from "valibot";
import { PetfinderError, PetfinderNetworkError, PetfinderTimeoutError } from "./errors.js";
import { isQuota } from "./quota.js";
import { readRefusedAnswer, refusalError, type RefusalContext } from "./refusal-error.js";
import type { PetfinderRequestEvent } from "./request-event.js";
import { validateResponse } from "./validate-response.js";

export interface TransportConfig extends Transport {
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
 * Runs one JSON request through `@cat-harvest/http`'s ky plumbing (the client's ceiling, timeout
 * and retries), with Petfinder's token handling and typed refusals, then checks the accepted body
 * against the schema.
 */
export async function requestJson<S extends v.GenericSchema>(config: TransportConfig, request: JsonRequest<S>): Promise<v.InferOutput<S>> {
  const { operation, method, tokens } = request;
  const url = request.url.href;
  const where = `Petfinder ${operation} (${method} ${url})`;
  const context = (attempts: number): RefusalContext => ({
    where,
    url,
    attempts,
    withToken: tokens !== undefined,
    maxRetryAfterSeconds: config.retry.maxRetryAfterSeconds,
  });
  const kind = tokens ? "api" : "token";
  const { body } = await sendJson(config, {
    where,
    method,
    url: request.url,
    headers: { accept: "application/json" },
    body: request.body,
    signal: request.signal,
    errors: { Base: PetfinderError, Timeout: PetfinderTimeoutError, Network: PetfinderNetworkError },
    report: (event) => notifySafely(config.onRequest, { kind, ...event }),
    ...(tokens ? bearerToken(tokens, request.signal) : {}),
    readRefusal: (response) => readRefusedAnswer(response, config.redact),
    isQuota: (answer) => isQuota(answer.problem, answer.retryAfterMs, config.retry.maxRetryAfterSeconds),
    refusalError: (answer, attempts) => refusalError(answer, context(attempts)),
  });
  return validateResponse(request.schema, body, `Petfinder ${operation}: ${method}`, url);
}

/**
 * Every attempt, retries included, carries a current token. A refused one is dropped (only if no
 * other call replaced it already) and ky retries at once with a fresh one, once per call: that
 * retry does not count against `retry.limit`.
 */
function bearerToken(tokens: TokenSource, signal: AbortSignal | undefined) {
  let token: string | undefined;
  let refreshed = false;
  return {
    authorize: async (request: KyRequest) => {
      token = await tokens.get(signal);
      request.headers.set("authorization", `Bearer ${token}`);
    },
    onRefused: (response: Response): ForcedRetry | undefined => {
      if ((response.status !== 401 && response.status !== 403) || token === undefined || refreshed) return undefined;
      tokens.invalidate(token);
      refreshed = true;
      return ky.retry({ delay: 0, code: "TOKEN_REFUSED" });
    },
    spareRetries: 1,
  };
}
