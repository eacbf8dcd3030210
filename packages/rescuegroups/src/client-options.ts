import { DEFAULT_RETRY } from "./retry-options.js";
import { apiRoot, checkTransportOptions, type TransportDefaults, type TransportOptions } from "@cat-harvest/http";
import type { RescueGroupsRequestEvent } from "./request-event.js";

/** The real API's root, `/v5` included. */
export const DEFAULT_BASE_URL = "https://api.rescuegroups.org/v5";
/** RescueGroups publishes no rate limit; about one request a second is the polite default. */
export const DEFAULT_REQUESTS_PER_SECOND = 1;
/** Milliseconds one attempt (headers and body) may take. */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface RescueGroupsClientOptions extends TransportOptions<RescueGroupsRequestEvent> {
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
}

/** The defaults of `requestsPerSecond`, `timeout` and `retry`. */
export const TRANSPORT_DEFAULTS: TransportDefaults = { requestsPerSecond: DEFAULT_REQUESTS_PER_SECOND, timeout: DEFAULT_TIMEOUT_MS, retry: DEFAULT_RETRY };

const NAME = "createRescueGroupsClient";

/** Throws a `TypeError` naming the first bad option. The key's value never appears. */
export function checkOptions(options: RescueGroupsClientOptions): void {
  if (typeof options !== "object" || options === null) throw new TypeError(`${NAME} needs an options object: { apiKey, baseUrl? }`);
  if (typeof options.apiKey !== "string" || options.apiKey.trim() === "") {
    throw new TypeError(`${NAME} needs the option "apiKey" (a non-empty string: the key RescueGroups.org issued for your project)`);
  }
  checkTransportOptions(NAME, options);
}

/** The API root without a trailing slash; throws a `TypeError` for anything else. */
export function normalizeBaseUrl(baseUrl: string): string {
  return apiRoot(NAME, baseUrl, DEFAULT_BASE_URL);
}
