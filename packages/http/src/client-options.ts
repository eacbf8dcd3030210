import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";
import { createRedactor, type Redactor } from "./redact.js";
import type { RequestEvent } from "./request-event.js";
import { retrySettings, type RetryOptions, type RetrySettings } from "./retry-settings.js";

/** The options every API client takes for its transport; `E` is its `onRequest` event. */
export interface TransportOptions<E extends RequestEvent = RequestEvent> {
  /**
   * The `fetch` to use (a proxy-aware one, a test double).
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Most requests started per second, shared by every call of the client (retries and token
   * requests count). `Infinity` turns the ceiling off.
   * @default the client's `DEFAULT_REQUESTS_PER_SECOND`
   */
  requestsPerSecond?: number;
  /**
   * Milliseconds one attempt may take, headers and body together; a slower one is retried.
   * @default 15000
   */
  timeout?: number;
  /** Retry limits and backoff; see `RetryOptions`. */
  retry?: RetryOptions;
  /**
   * Called after every HTTP attempt (retries included), e.g. to count requests against a quota.
   * Errors it throws are ignored.
   */
  onRequest?: (event: E) => void;
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call (waits, retries and backoff included); it rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A client's defaults for `TransportOptions`. */
export interface TransportDefaults {
  readonly requestsPerSecond: number;
  readonly timeout: number;
  readonly retry: RetrySettings;
}

/** What every call of one client shares: the options resolved, one rate ceiling, one redactor. */
export interface Transport {
  readonly fetch: typeof globalThis.fetch;
  /** Milliseconds one attempt (headers and body) may take. */
  readonly timeout: number;
  readonly retry: RetrySettings;
  readonly limiter: RateLimiter;
  readonly redact: Redactor;
}

/** The longest `timeout` a timer can hold (ky refuses a longer one). */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Throws a `TypeError` naming the first bad transport option; `factory` (e.g. `"createPetfinderClient"`) starts the message. */
export function checkTransportOptions(factory: string, options: TransportOptions<never>): void {
  checkPositive(factory, "requestsPerSecond", options.requestsPerSecond, Infinity);
  checkPositive(factory, "timeout", options.timeout, MAX_TIMEOUT_MS);
  checkPositive(factory, "retry.baseDelayMs", options.retry?.baseDelayMs);
  checkPositive(factory, "retry.maxDelayMs", options.retry?.maxDelayMs);
  checkPositive(factory, "retry.maxRetryAfterSeconds", options.retry?.maxRetryAfterSeconds);
  const limit = options.retry?.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new TypeError(`${factory}: option "retry.limit" must be a whole number >= 0, got ${String(limit)}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError(`${factory}: option "fetch" must be a function, got ${typeof options.fetch}`);
  }
}

/** A number > 0 and at most `max` (finite unless `max` is `Infinity`), or absent. */
function checkPositive(factory: string, name: string, value: unknown, max = Number.MAX_VALUE): void {
  if (value === undefined) return;
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0 || value > max) {
    const most = max === Infinity ? "" : max === Number.MAX_VALUE ? " and finite" : ` and at most ${max}`;
    throw new TypeError(`${factory}: option "${name}" must be a positive number${most}, got ${String(value)}`);
  }
}

/**
 * The `baseUrl` option as an API root without a trailing slash; a `TypeError` for anything but an
 * http(s) URL without query, fragment or credentials. `example` is the real API's root.
 */
export function apiRoot(factory: string, baseUrl: string, example: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`${factory}: option "baseUrl" ${JSON.stringify(baseUrl)} is not a URL; pass the API root such as "${example}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`${factory}: option "baseUrl" must be http(s), got ${url.protocol}`);
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError(`${factory}: option "baseUrl" must not hold a query, fragment or credentials; pass the API root only`);
  }
  return url.href.replace(/\/+$/, "");
}

/** Resolves the transport options against the client's defaults; `secrets` are what the redactor hides. */
export function createTransport(options: TransportOptions<never>, defaults: TransportDefaults, secrets: () => readonly (string | undefined)[]): Transport {
  return {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeout: options.timeout ?? defaults.timeout,
    retry: retrySettings(defaults.retry, options.retry),
    limiter: createRateLimiter(options.requestsPerSecond ?? defaults.requestsPerSecond),
    redact: createRedactor(secrets),
  };
}
