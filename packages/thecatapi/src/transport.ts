import { notifySafely, type Transport } from "@cat-harvest/http";
import { sendJson } from "@cat-harvest/http/ky";
import type * as v from "valibot";
import type { CatApiRequestEvent } from "./client-options.js";
import { CatApiError, CatApiNetworkError, CatApiTimeoutError } from "./errors.js";
import { isQuota, readRefusedAnswer, refusalError } from "./refusal-error.js";
import { validateResponse } from "./validate-response.js";

/** What every call of a client shares. */
export interface TransportConfig extends Transport {
  readonly apiKey: string | undefined;
  readonly onRequest: ((event: CatApiRequestEvent) => void) | undefined;
}

/** A validated answer with its headers (search pages carry their Pagination-* there). */
export interface JsonAnswer<T> {
  readonly data: T;
  readonly headers: Headers;
}

/**
 * Runs one GET through `@cat-harvest/http`'s ky plumbing (the client's ceiling, timeout and
 * retries), with the key on every attempt and The Cat API's typed refusals, then checks the
 * accepted body against the schema.
 */
export async function getJson<S extends v.GenericSchema>(
  config: TransportConfig,
  operation: string,
  url: URL,
  schema: S,
  signal?: AbortSignal,
): Promise<JsonAnswer<v.InferOutput<S>>> {
  const where = `The Cat API ${operation} (GET ${url.href})`;
  const { maxRetryAfterSeconds } = config.retry;
  const { body, headers } = await sendJson(config, {
    where,
    method: "GET",
    url,
    headers: config.apiKey === undefined ? { accept: "application/json" } : { accept: "application/json", "x-api-key": config.apiKey },
    signal,
    errors: { Base: CatApiError, Timeout: CatApiTimeoutError, Network: CatApiNetworkError },
    report: (event) => notifySafely(config.onRequest, event),
    readRefusal: (response) => readRefusedAnswer(response, config.redact),
    isQuota: (answer) => isQuota(answer, maxRetryAfterSeconds),
    refusalError: (answer, attempts) => refusalError(answer, where, url.href, attempts, maxRetryAfterSeconds),
  });
  return { data: validateResponse(schema, body, where, url.href), headers };
}
