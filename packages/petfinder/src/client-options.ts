import type { RetryOptions } from "./retry-options.js";
import type { PetfinderRequestEvent } from "./request-event.js";

/** The real API's root (without `/v2`). */
export const DEFAULT_BASE_URL = "https://api.petfinder.com";
/**
 * Petfinder documents 50 requests per second. 48 keeps 96% of that: measured against the
 * emulator, 48/s drew no 429 while 50/s drew one in a few hundred (window edges).
 */
export const DEFAULT_REQUESTS_PER_SECOND = 48;
/** Milliseconds one attempt (headers and body) may take. */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface PetfinderClientOptions {
  /**
   * The API key of a Petfinder developer account (`demo` for the emulator).
   * @example "demo"
   */
  clientId: string;
  /**
   * The account's secret. It is sent only in the token request's body and never appears in
   * errors or events.
   */
  clientSecret: string;
  /**
   * The API root without `/v2`: the real API, the emulator or any compatible server.
   * @default "https://api.petfinder.com"
   * @example "http://127.0.0.1:8080"
   */
  baseUrl?: string;
  /**
   * The `fetch` to use (a proxy-aware one, a test double).
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Most requests started per second, shared by every call of this client (token requests
   * and retries count). `Infinity` turns the ceiling off.
   * @default 48
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
   * Called after every HTTP attempt (token requests and retries included), e.g. to count
   * requests against the daily quota. Errors it throws are ignored.
   */
  onRequest?: (event: PetfinderRequestEvent) => void;
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call (waits, retries and backoff included); it rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The longest `timeout` a timer can hold (ky refuses a longer one). */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Throws a `TypeError` naming the first bad option. The secret's value never appears. */
export function checkOptions(options: PetfinderClientOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("createPetfinderClient needs an options object: { clientId, clientSecret, baseUrl? }");
  }
  for (const name of ["clientId", "clientSecret"] as const) {
    if (typeof options[name] !== "string" || options[name] === "") {
      throw new TypeError(
        `createPetfinderClient needs the option "${name}" (a non-empty string from your Petfinder developer account; "demo" for the emulator)`,
      );
    }
  }
  checkPositive("requestsPerSecond", options.requestsPerSecond, Infinity);
  checkPositive("timeout", options.timeout, MAX_TIMEOUT_MS);
  checkPositive("retry.baseDelayMs", options.retry?.baseDelayMs);
  checkPositive("retry.maxDelayMs", options.retry?.maxDelayMs);
  checkPositive("retry.maxRetryAfterSeconds", options.retry?.maxRetryAfterSeconds);
  const limit = options.retry?.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new TypeError(`createPetfinderClient: option "retry.limit" must be a whole number >= 0, got ${String(limit)}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError(`createPetfinderClient: option "fetch" must be a function, got ${typeof options.fetch}`);
  }
}

/** A number > 0 and at most `max` (finite unless `max` is `Infinity`), or absent. */
function checkPositive(name: string, value: unknown, max = Number.MAX_VALUE): void {
  if (value === undefined) return;
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0 || value > max) {
    const most = max === Infinity ? "" : max === Number.MAX_VALUE ? " and finite" : ` and at most ${max}`;
    throw new TypeError(`createPetfinderClient: option "${name}" must be a positive number${most}, got ${String(value)}`);
  }
}

/** The API root without a trailing slash; throws a `TypeError` for anything else. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`createPetfinderClient: baseUrl ${JSON.stringify(baseUrl)} is not a URL; pass the API root such as "https://api.petfinder.com"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`createPetfinderClient: baseUrl must be http(s), got ${url.protocol}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError("createPetfinderClient: baseUrl must not hold a query, fragment or credentials; pass the API root only");
  }
  const root = url.href.replace(/\/+$/, "");
  if (/\/v2$/i.test(root)) {
    throw new TypeError(`createPetfinderClient: baseUrl is the API root without /v2; pass ${JSON.stringify(root.slice(0, -3))}`);
  }
  return root;
}
