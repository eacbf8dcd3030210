import {
  apiRoot,
  checkTransportOptions,
  type RequestEvent,
  type RetryOptions as HttpRetryOptions,
  type RetrySettings,
  type TransportDefaults,
  type TransportOptions,
} from "@cat-harvest/http";

/** The real API's root. */
export const DEFAULT_BASE_URL = "https://api.thecatapi.com/v1";
/** A few requests a second: polite for a free plan whose limits are not published. */
export const DEFAULT_REQUESTS_PER_SECOND = 4;
/** Milliseconds one attempt (headers and body) may take. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Retry limits and backoff. Defaults: `limit` 5, `baseDelayMs` 500, `maxDelayMs` 15000,
 * `maxRetryAfterSeconds` 60 (a longer `Retry-After`, or one that names the monthly quota, throws
 * `CatApiQuotaError` at once).
 */
export type RetryOptions = HttpRetryOptions;

export const DEFAULT_RETRY: RetrySettings = { limit: 5, baseDelayMs: 500, maxDelayMs: 15_000, maxRetryAfterSeconds: 60 };

/** What `onRequest` receives after every HTTP attempt (retries included). */
export type CatApiRequestEvent = RequestEvent;

export interface CatApiClientOptions extends TransportOptions<CatApiRequestEvent> {
  /**
   * The API key (free at thecatapi.com), sent as `x-api-key`; `"demo"` for the emulator. Without
   * one, the API answers at most 10 images per search, without breeds and without paging. It
   * never appears in errors or events.
   */
  apiKey?: string;
  /**
   * The API root, with its `/v1`: the real API, the emulator (`emulator.apiUrl`) or any compatible server.
   * @default "https://api.thecatapi.com/v1"
   */
  baseUrl?: string;
}

/** The defaults of `requestsPerSecond`, `timeout` and `retry`. */
export const TRANSPORT_DEFAULTS: TransportDefaults = { requestsPerSecond: DEFAULT_REQUESTS_PER_SECOND, timeout: DEFAULT_TIMEOUT_MS, retry: DEFAULT_RETRY };

const FN = "createCatApiClient";

/** Throws a `TypeError` naming the first bad option. The key's value never appears. */
export function checkOptions(options: CatApiClientOptions): void {
  if (typeof options !== "object" || options === null) throw new TypeError(`${FN} takes an options object: { apiKey?, baseUrl? }`);
  if (options.apiKey !== undefined && (typeof options.apiKey !== "string" || options.apiKey === "")) {
    throw new TypeError(`${FN}: option "apiKey" must be a non-empty string (a free key from thecatapi.com; "demo" for the emulator), or left out`);
  }
  checkTransportOptions(FN, options);
}

/** The API root without a trailing slash; throws a `TypeError` for anything else. */
export function normalizeBaseUrl(baseUrl: string): string {
  return apiRoot(FN, baseUrl, DEFAULT_BASE_URL);
}
