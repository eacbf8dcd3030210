import { DEFAULT_RETRY } from "./retry-options.js";
import { apiRoot, checkTransportOptions, type TransportDefaults, type TransportOptions } from "@cat-harvest/http";
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

export interface PetfinderClientOptions extends TransportOptions<PetfinderRequestEvent> {
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
}

/** The defaults of `requestsPerSecond`, `timeout` and `retry`. */
export const TRANSPORT_DEFAULTS: TransportDefaults = { requestsPerSecond: DEFAULT_REQUESTS_PER_SECOND, timeout: DEFAULT_TIMEOUT_MS, retry: DEFAULT_RETRY };

const NAME = "createPetfinderClient";

/** Throws a `TypeError` naming the first bad option. The secret's value never appears. */
export function checkOptions(options: PetfinderClientOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${NAME} needs an options object: { clientId, clientSecret, baseUrl? }`);
  }
  for (const name of ["clientId", "clientSecret"] as const) {
    if (typeof options[name] !== "string" || options[name] === "") {
      throw new TypeError(`${NAME} needs the option "${name}" (a non-empty string from your Petfinder developer account; "demo" for the emulator)`);
    }
  }
  checkTransportOptions(NAME, options);
}

/** The API root without a trailing slash and without `/v2`; throws a `TypeError` for anything else. */
export function normalizeBaseUrl(baseUrl: string): string {
  const root = apiRoot(NAME, baseUrl, DEFAULT_BASE_URL);
  if (/\/v2$/i.test(root)) {
    throw new TypeError(`${NAME}: option "baseUrl" is the API root without /v2; pass ${JSON.stringify(root.slice(0, -3))}`);
  }
  return root;
}
