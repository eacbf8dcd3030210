/** The real API's root. */
export const DEFAULT_BASE_URL = "https://api.thecatapi.com/v1";
/** A few requests a second: polite for a free plan whose limits are not published. */
export const DEFAULT_REQUESTS_PER_SECOND = 4;
/** Milliseconds one attempt (headers and body) may take. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Retry limits and backoff. */
export interface RetryOptions {
  /**
   * Retries after the first attempt, for 429 (per second), 5xx, network errors, bodies cut
   * short and timeouts. 0 turns retrying off.
   * @default 5
   */
  limit?: number;
  /**
   * The first backoff delay in ms; each retry doubles it, with full jitter.
   * @default 500
   */
  baseDelayMs?: number;
  /**
   * The largest backoff delay in ms.
   * @default 15000
   */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` (in seconds) the client sleeps through on a 429. A longer one (or
   * one that names the monthly quota) throws `CatApiQuotaError` at once.
   * @default 60
   */
  maxRetryAfterSeconds?: number;
}

/** `RetryOptions` with every default filled in. */
export type RetrySettings = Required<RetryOptions>;

export const DEFAULT_RETRY: RetrySettings = { limit: 5, baseDelayMs: 500, maxDelayMs: 15_000, maxRetryAfterSeconds: 60 };

/** What `onRequest` receives after every HTTP attempt (retries included). */
export interface CatApiRequestEvent {
  readonly method: string;
  readonly url: string;
  /** 0 for the first try of a call, then 1, 2, ... */
  readonly attempt: number;
  /** The HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** Why the attempt failed without a status. */
  readonly failure?: "network" | "timeout" | "invalid-body";
}

export interface CatApiClientOptions {
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
  /**
   * The `fetch` to use (a proxy-aware one, a test double).
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Most requests started per second, shared by every call of this client (retries count).
   * `Infinity` turns the ceiling off.
   * @default 4
   */
  requestsPerSecond?: number;
  /**
   * Milliseconds one attempt may take, headers and body together; a slower one is retried.
   * @default 15000
   */
  timeout?: number;
  /** Retry limits and backoff; see `RetryOptions`. */
  retry?: RetryOptions;
  /** Called after every HTTP attempt (retries included), e.g. to count requests against the monthly quota. Errors it throws are ignored. */
  onRequest?: (event: CatApiRequestEvent) => void;
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call (waits, retries and backoff included); it rejects with the signal's reason. */
  signal?: AbortSignal;
}

const FN = "createCatApiClient";
/** The longest `timeout` a timer can hold (ky refuses a longer one). */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Throws a `TypeError` naming the first bad option. The key's value never appears. */
export function checkOptions(options: CatApiClientOptions): void {
  if (typeof options !== "object" || options === null) throw new TypeError(`${FN} takes an options object: { apiKey?, baseUrl? }`);
  if (options.apiKey !== undefined && (typeof options.apiKey !== "string" || options.apiKey === "")) {
    throw new TypeError(`${FN}: option "apiKey" must be a non-empty string (a free key from thecatapi.com; "demo" for the emulator), or left out`);
  }
  positive("requestsPerSecond", options.requestsPerSecond, Infinity);
  positive("timeout", options.timeout, MAX_TIMEOUT_MS);
  positive("retry.baseDelayMs", options.retry?.baseDelayMs);
  positive("retry.maxDelayMs", options.retry?.maxDelayMs);
  positive("retry.maxRetryAfterSeconds", options.retry?.maxRetryAfterSeconds);
  const limit = options.retry?.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
    throw new TypeError(`${FN}: option "retry.limit" must be a whole number >= 0, got ${String(limit)}`);
  if (options.fetch !== undefined && typeof options.fetch !== "function")
    throw new TypeError(`${FN}: option "fetch" must be a function, got ${typeof options.fetch}`);
}

function positive(name: string, value: unknown, max = Number.MAX_VALUE): void {
  if (value === undefined) return;
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0 || value > max) {
    const most = max === Infinity ? "" : max === Number.MAX_VALUE ? " and finite" : ` and at most ${max}`;
    throw new TypeError(`${FN}: option "${name}" must be a positive number${most}, got ${String(value)}`);
  }
}

/** The API root without a trailing slash; throws a `TypeError` for anything else. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`${FN}: baseUrl ${JSON.stringify(baseUrl)} is not a URL; pass the API root such as "${DEFAULT_BASE_URL}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`${FN}: baseUrl must be http(s), got ${url.protocol}`);
  if (url.search || url.hash || url.username || url.password)
    throw new TypeError(`${FN}: baseUrl must not hold a query, fragment or credentials; pass the API root only`);
  return url.href.replace(/\/+$/, "");
}
