import ky from "ky";
import type * as v from "valibot";
import { sleep } from "./abort.js";
import { backoffDelay, parseRetryAfter } from "./backoff.js";
import {
  PetfinderAuthError,
  PetfinderBadRequestError,
  PetfinderHttpError,
  PetfinderNetworkError,
  PetfinderNotFoundError,
  PetfinderQuotaError,
  PetfinderRateLimitError,
  PetfinderServerError,
  PetfinderTimeoutError,
  type PetfinderProblem,
} from "./errors.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { Redactor } from "./redact.js";
import { validateResponse } from "./validate-response.js";

/** What `onRequest` receives after every HTTP attempt (retries and token requests included). */
export interface PetfinderRequestEvent {
  /** `"token"` for `POST /v2/oauth2/token`, `"api"` for data calls. */
  readonly kind: "token" | "api";
  readonly method: string;
  readonly url: string;
  /** 0 for the first try of a call, then 1, 2, ... */
  readonly attempt: number;
  /** The HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** Why the attempt failed without a status: `"network"`, `"timeout"` or `"invalid-body"`. */
  readonly failure?: "network" | "timeout" | "invalid-body";
}

export interface TransportConfig {
  readonly fetch: typeof globalThis.fetch;
  readonly timeout: number;
  readonly retryLimit: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterSeconds: number;
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

type Attempt =
  | { readonly ok: true; readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly ok: false; readonly failure: "network" | "timeout"; readonly error: unknown };

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

class TimeoutSignal extends Error {}

function parseProblem(text: string): PetfinderProblem | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as PetfinderProblem) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one JSON request with the client's ceiling, timeout, retries and token handling. */
export async function requestJson<S extends v.GenericSchema>(
  config: TransportConfig,
  request: JsonRequest<S>,
): Promise<v.InferOutput<S>> {
  const { operation, method, schema, signal, tokens } = request;
  const url = request.url.href;
  const where = `Petfinder ${operation} (${method} ${url})`;
  let refreshed = false;
  let retries = 0;

  const emit = (event: PetfinderRequestEvent) => {
    try {
      config.onRequest?.(event);
    } catch {
      // A counting hook must not break the request it observes.
    }
  };
  const backoff = async () => {
    await sleep(backoffDelay(retries - 1, config.baseDelayMs, config.maxDelayMs), signal);
  };

  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    const token = tokens ? await tokens.get(signal) : undefined;
    await config.limiter.acquire(signal);
    const result = await send(config, method, request.url, request.body, token, signal);
    if (!result.ok) {
      emit({ kind: tokens ? "api" : "token", method, url, attempt, status: undefined, failure: result.failure });
      if (retries < config.retryLimit) {
        retries++;
        await backoff();
        continue;
      }
      if (result.failure === "timeout") {
        throw new PetfinderTimeoutError(
          `${where} timed out after ${config.timeout} ms, ${retries + 1} attempts. Raise the timeout option or check the server.`,
          url,
          config.timeout,
          { cause: result.error },
        );
      }
      throw new PetfinderNetworkError(
        `${where} failed: ${describeNetworkError(result.error)} after ${retries + 1} attempts. Check that baseUrl is reachable.`,
        url,
        { cause: result.error },
      );
    }

    const { status, headers, text } = result;
    if (status >= 200 && status < 300) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        emit({ kind: tokens ? "api" : "token", method, url, attempt, status, failure: "invalid-body" });
        // A body cut short mid-stream reads as invalid JSON: treat it like a dropped connection.
        if (retries < config.retryLimit) {
          retries++;
          await backoff();
          continue;
        }
        throw new PetfinderNetworkError(
          `${where} answered ${status} with a body that is not JSON (${text.length} characters; cut short?) after ${retries + 1} attempts.`,
          url,
          { cause: error },
        );
      }
      emit({ kind: tokens ? "api" : "token", method, url, attempt, status });
      return validateResponse(schema, body, `Petfinder ${operation}: ${method}`, url);
    }

    emit({ kind: tokens ? "api" : "token", method, url, attempt, status });
    const problem = config.redact.value(parseProblem(text));
    const said = problem?.detail ?? problem?.title;
    const detail = typeof said === "string" && said ? `: ${config.redact.text(said)}` : "";

    if ((status === 401 || status === 403) && tokens && token !== undefined && !refreshed) {
      // An expired or revoked token: drop it (only if no other call replaced it already) and go again.
      refreshed = true;
      tokens.invalidate(token);
      continue;
    }
    if (status === 401 || status === 403) {
      const fix = tokens
        ? "a freshly issued token was refused too; check the account's access"
        : "check clientId and clientSecret";
      throw new PetfinderAuthError(`${where} answered ${status}${detail}; ${fix}.`, status, url, problem);
    }
    if (status === 429) {
      const retryAfter = parseRetryAfter(headers.get("retry-after"));
      const text = `${problem?.detail ?? ""} ${problem?.title ?? ""}`.toLowerCase();
      const quota = /daily|quota|per day/.test(text) || (retryAfter !== undefined && retryAfter > config.maxRetryAfterSeconds);
      if (quota) {
        // Without a Retry-After, trust Petfinder's documented reset: the next 00:00 UTC.
        const resetAt = retryAfter !== undefined ? new Date(Date.now() + retryAfter * 1000) : nextUtcMidnight();
        throw new PetfinderQuotaError(
          `${where} answered 429${detail}: the request quota is used up until ${resetAt.toISOString()}. Stop and resume after that.`,
          url,
          retryAfter,
          resetAt,
          problem,
        );
      }
      if (retries < config.retryLimit) {
        retries++;
        // Retry-After speaks for the whole client: every call waits, not only this one.
        if (retryAfter !== undefined) config.limiter.pause(retryAfter * 1000);
        else await backoff();
        continue;
      }
      throw new PetfinderRateLimitError(
        `${where} answered 429${detail} after ${retries + 1} attempts; lower requestsPerSecond.`,
        url,
        retryAfter,
        problem,
      );
    }
    if (RETRYABLE_STATUS.has(status) && retries < config.retryLimit) {
      retries++;
      await backoff();
      continue;
    }
    if (status >= 500) {
      throw new PetfinderServerError(
        `${where} answered ${status}${detail} after ${retries + 1} attempts; the server is failing, try again later.`,
        status,
        url,
        problem,
      );
    }
    if (status === 400) {
      const params = Array.isArray(problem?.["invalid-params"]) ? problem["invalid-params"] : [];
      const list = params.map((p) => `${p.path ?? "?"}: ${p.message ?? "invalid"}`).join("; ");
      throw new PetfinderBadRequestError(
        `${where} answered 400${detail}${list ? ` (${list})` : ""}. Fix the named parameters.`,
        status,
        url,
        problem,
      );
    }
    if (status === 404) {
      throw new PetfinderNotFoundError(
        `${where} answered 404${detail}. Check the id or type; organizations also hide animals from the API.`,
        status,
        url,
        problem,
      );
    }
    throw new PetfinderHttpError(`${where} answered ${status}${detail}.`, status, url, problem);
  }
}

function nextUtcMidnight(): Date {
  const date = new Date();
  date.setUTCHours(24, 0, 0, 0);
  return date;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}

/** One HTTP attempt; the timeout covers the headers and the whole body. */
async function send(
  config: TransportConfig,
  method: string,
  url: URL,
  body: URLSearchParams | undefined,
  token: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  // One controller per attempt, fed by the timer and the caller's signal. (Forwarding by hand
  // rather than AbortSignal.any leaves nothing attached to a long-lived caller signal.)
  signal?.throwIfAborted();
  const attempt = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    attempt.abort(new TimeoutSignal("timeout"));
  }, config.timeout);
  const forward = () => attempt.abort(signal!.reason);
  signal?.addEventListener("abort", forward, { once: true });
  const headers: Record<string, string> = { accept: "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  try {
    const response = await ky(url, {
      method,
      headers,
      body,
      signal: attempt.signal,
      fetch: config.fetch,
      // Retries, timeouts and errors are ours: they must also cover reading the body.
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
    });
    const text = await response.text();
    return { ok: true, status: response.status, headers: response.headers, text };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timedOut) return { ok: false, failure: "timeout", error };
    return { ok: false, failure: "network", error };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", forward);
  }
}
