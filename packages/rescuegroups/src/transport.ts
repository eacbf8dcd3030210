import { notifySafely, type Transport } from "@cat-harvest/http";
import { sendJson } from "@cat-harvest/http/ky";
import type * as v from "valibot";
import { RescueGroupsError, RescueGroupsNetworkError, RescueGroupsTimeoutError } from "./errors.js";
import { isQuota } from "./quota.js";
import { readRefusedAnswer, refusalError, type RefusalContext } from "./refusal-error.js";
import type { RescueGroupsRequestEvent } from "./request-event.js";
import { validateResponse } from "./validate-response.js";

export interface TransportConfig extends Transport {
  readonly apiKey: string;
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

/** The JSON:API media type of requests and answers. */
const JSON_API = "application/vnd.api+json";

/**
 * Runs one request through `@cat-harvest/http`'s ky plumbing (ceiling, timeout, retries), with
 * the key on every attempt and RescueGroups' typed refusals, then checks the answer against the schema.
 */
export async function requestJson<S extends v.GenericSchema>(config: TransportConfig, request: JsonRequest<S>): Promise<v.InferOutput<S>> {
  const method = request.body === undefined ? "GET" : "POST";
  const url = request.url.href;
  const where = `RescueGroups ${request.operation} (${method} ${url})`;
  const context = (attempts: number): RefusalContext => ({ where, url, attempts, body: request.body, maxRetryAfterSeconds: config.retry.maxRetryAfterSeconds });
  const { body } = await sendJson(config, {
    where,
    method,
    url: request.url,
    // The reference: the raw key is the whole header value, no "Bearer".
    headers:
      method === "GET" ? { accept: JSON_API, authorization: config.apiKey } : { accept: JSON_API, "content-type": JSON_API, authorization: config.apiKey },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: request.signal,
    errors: { Base: RescueGroupsError, Timeout: RescueGroupsTimeoutError, Network: RescueGroupsNetworkError },
    report: (event) => notifySafely(config.onRequest, event),
    readRefusal: (response) => readRefusedAnswer(response, config.redact),
    isQuota: (answer) => isQuota(answer.errors, answer.retryAfterMs, config.retry.maxRetryAfterSeconds),
    refusalError: (answer, attempts) => refusalError(answer, context(attempts)),
  });
  return validateResponse(request.schema, body, where, url);
}
