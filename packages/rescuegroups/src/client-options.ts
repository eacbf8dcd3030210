import type { RescueGroupsRequestEvent } from "./request-event.js";
import type { RetryOptions } from "./retry-options.js";

/** The real API's root, `/v5` included. */
export const DEFAULT_BASE_URL = "https://api.rescuegroups.org/v5";
/** RescueGroups publishes no rate limit; about one request a second is the polite default. */
export const DEFAULT_REQUESTS_PER_SECOND = 1;
/** Milliseconds one attempt (headers and body) may take. */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface RescueGroupsClientOptions {
  /**
   * The API key RescueGroups.org issued (sent as the whole `Authorization` header). It never
   * appears in errors or events.
   */
  apiKey: string;
  /**
   * The API root, `/v5` included: the real API, its test server or a compatible local one.
   * @default "https://api.rescuegroups.org/v5"
   * @example "http://127.0.0.1:8080/v5"
   */
  baseUrl?: string;
  /**
   * The `fetch` to use (a proxy-aware one, a test double).
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Most requests started per second, shared by every call of this client (retries count).
   * `Infinity` turns the ceiling off.
   * @default 1
   */
  requestsPerSecond?: number;
  /**
   * Milliseconds one attempt may take, headers and body together; a slower one is retried.
   * @default 15000
   */
  timeout?: number;
  /** Retry limits and backoff; see `RetryOptions`. */
  retry?: RetryOptions;
  /** Called after every HTTP attempt (retries included). Errors it throws are ignored. */
  onRequest?: (event: RescueGroupsRequestEvent) => void;
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call (waits, retries and backoff included); it rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The longest `timeout` a timer can hold (ky refuses a longer one). */
const MAX_TIMEOUT_MS = 2_147_483_647;
const NAME = "createRescueGroupsClient";

/** Throws a `TypeError` naming the first bad option. The key's value never appears. */
export function checkOptions(options: RescueGroupsClientOptions): void {
  if (typeof options !== "object" || options === null) throw new TypeError(`${NAME} needs an options object: { apiKey, baseUrl? }`);
  if (typeof options.apiKey !== "string" || options.apiKey.trim() === "") {
    throw new TypeError(`${NAME} needs the option "apiKey" (a non-empty string: the key RescueGroups.org issued for your project)`);
  }
  checkPositive("requestsPerSecond", options.requestsPerSecond, Infinity);
  checkPositive("timeout", options.timeout, MAX_TIMEOUT_MS);
  checkPositive("retry.baseDelayMs", options.retry?.baseDelayMs);
  checkPositive("retry.maxDelayMs", options.retry?.maxDelayMs);
  checkPositive("retry.maxRetryAfterSeconds", options.retry?.maxRetryAfterSeconds);
  const limit = options.retry?.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new TypeError(`${NAME}: option "retry.limit" must be a whole number >= 0, got ${String(limit)}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError(`${NAME}: option "fetch" must be a function, got ${typeof options.fetch}`);
  }
}

/** A number > 0 and at most `max`, or absent. */
function checkPositive(name: string, value: unknown, max = Number.MAX_VALUE): void {
  if (value === undefined) return;
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0 || value > max) {
    const most = max === Infinity ? "" : max === Number.MAX_VALUE ? " and finite" : ` and at most ${max}`;
    throw new TypeError(`${NAME}: option "${name}" must be a positive number${most}, got ${String(value)}`);
  }
}

/** The API root without a trailing slash; throws a `TypeError` for anything else. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`${NAME}: option "baseUrl" ${JSON.stringify(baseUrl)} is not a URL; pass the API root such as "${DEFAULT_BASE_URL}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`${NAME}: option "baseUrl" must be http(s), got ${url.protocol}`);
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError(`${NAME}: option "baseUrl" must not hold a query, fragment or credentials; pass the API root only (the key goes in "apiKey")`);
  }
  return url.href.replace(/\/+$/, "");
}
