import type * as v from "valibot";
import type { RetryOptions } from "./backoff.js";
import { paginate, type PageOptions } from "./paginate.js";
import { createRateLimiter } from "./rate-limiter.js";
import { createRedactor } from "./redact.js";
import {
  AnimalResponseSchema,
  AnimalsPageSchema,
  BreedsResponseSchema,
  OrganizationResponseSchema,
  OrganizationsPageSchema,
  TokenResponseSchema,
  TypeResponseSchema,
  TypesResponseSchema,
  type Animal,
  type AnimalType,
  type AnimalsPage,
  type Breed,
  type Organization,
  type OrganizationsPage,
} from "./schemas.js";
import {
  animalSearchParams,
  organizationSearchParams,
  type AnimalSearchParams,
  type OrganizationSearchParams,
} from "./search-params.js";
import { createTokenManager } from "./token-manager.js";
import { requestJson, type PetfinderRequestEvent, type TransportConfig } from "./transport.js";
import { typeSlug } from "./type-slug.js";

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
   * @default 40
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

export interface PetfinderClient {
  /** The API root this client talks to (without `/v2`). */
  readonly baseUrl: string;
  /** `GET /v2/types`: every animal type with its coats, colors and genders. */
  types(options?: CallOptions): Promise<AnimalType[]>;
  /** `GET /v2/types/{type}`: one type, by name ("Small & Furry") or slug ("small-furry"). */
  type(type: string, options?: CallOptions): Promise<AnimalType>;
  /** `GET /v2/types/{type}/breeds`: the type's breeds, alphabetical. */
  breeds(type: string, options?: CallOptions): Promise<Breed[]>;
  /** `GET /v2/animals`: one page of a search. */
  animals(params?: AnimalSearchParams, options?: CallOptions): Promise<AnimalsPage>;
  /** `GET /v2/animals/{id}`: one animal. */
  animal(id: number | string, options?: CallOptions): Promise<Animal>;
  /** `GET /v2/organizations`: one page of a search. */
  organizations(params?: OrganizationSearchParams, options?: CallOptions): Promise<OrganizationsPage>;
  /** `GET /v2/organizations/{id}`: one organization. */
  organization(id: string, options?: CallOptions): Promise<Organization>;
  /** Every page of an animal search, one request per page (`limit` 100 unless given). */
  animalPages(params?: AnimalSearchParams, options?: PageOptions): AsyncIterable<AnimalsPage>;
  /** Every animal of a search, streamed page by page. */
  searchAnimals(params?: AnimalSearchParams, options?: PageOptions): AsyncIterable<Animal>;
  /** Every page of an organization search (`limit` 100 unless given). */
  organizationPages(params?: OrganizationSearchParams, options?: PageOptions): AsyncIterable<OrganizationsPage>;
  /** Every organization of a search, streamed page by page. */
  searchOrganizations(params?: OrganizationSearchParams, options?: PageOptions): AsyncIterable<Organization>;
}

function checkOptions(options: PetfinderClientOptions): void {
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
  const positive = (name: string, value: unknown, allowInfinity = false) => {
    if (value === undefined) return;
    if (typeof value !== "number" || Number.isNaN(value) || value <= 0 || (!allowInfinity && !Number.isFinite(value))) {
      throw new TypeError(`createPetfinderClient: option "${name}" must be a positive number, got ${String(value)}`);
    }
  };
  positive("requestsPerSecond", options.requestsPerSecond, true);
  positive("timeout", options.timeout);
  positive("retry.baseDelayMs", options.retry?.baseDelayMs);
  positive("retry.maxDelayMs", options.retry?.maxDelayMs);
  positive("retry.maxRetryAfterSeconds", options.retry?.maxRetryAfterSeconds);
  const limit = options.retry?.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new TypeError(`createPetfinderClient: option "retry.limit" must be a whole number >= 0, got ${String(limit)}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError(`createPetfinderClient: option "fetch" must be a function, got ${typeof options.fetch}`);
  }
}

function normalizeBaseUrl(baseUrl: string): string {
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

/**
 * Creates a Petfinder API v2 client. No request is made until the first call.
 * @example
 * const petfinder = createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: emulator.url });
 * for await (const cat of petfinder.searchAnimals({ type: "cat", breed: "Bengal" }, { maxRecords: 50 })) console.log(cat.name);
 */
export function createPetfinderClient(options: PetfinderClientOptions): PetfinderClient {
  checkOptions(options);
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const { clientId, clientSecret } = options;
  const recentTokens: string[] = [];
  const redact = createRedactor(() => [clientSecret, ...recentTokens]);
  const config: TransportConfig = {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
    retryLimit: options.retry?.limit ?? 5,
    baseDelayMs: options.retry?.baseDelayMs ?? 500,
    maxDelayMs: options.retry?.maxDelayMs ?? 15_000,
    maxRetryAfterSeconds: options.retry?.maxRetryAfterSeconds ?? 60,
    limiter: createRateLimiter(options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND),
    redact,
    onRequest: options.onRequest,
  };
  const endpoint = (path: string, query?: URLSearchParams) => {
    const url = new URL(`${baseUrl}/v2/${path}`);
    if (query) url.search = query.toString();
    return url;
  };

  const tokens = createTokenManager(async () => {
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
    const response = await requestJson(config, {
      operation: "token",
      method: "POST",
      url: endpoint("oauth2/token"),
      schema: TokenResponseSchema,
      body,
    });
    recentTokens.unshift(response.access_token);
    recentTokens.length = Math.min(recentTokens.length, 4);
    return { value: response.access_token, expiresIn: response.expires_in };
  });

  const get = <S extends v.GenericSchema>(operation: string, url: URL, schema: S, signal?: AbortSignal) =>
    requestJson(config, { operation, method: "GET", url, schema, tokens, signal });

  const animalId = (id: number | string) => {
    const text = typeof id === "number" ? String(id) : id;
    if (typeof text !== "string" || !/^[1-9]\d*$/.test(text)) {
      throw new TypeError(`animal: id must be a positive whole number such as 71234567, got ${JSON.stringify(id)}`);
    }
    return text;
  };
  const organizationId = (id: string) => {
    if (typeof id !== "string" || !/^[A-Za-z0-9_-]+$/.test(id)) {
      throw new TypeError(`organization: id must be an organization ID such as "OR123", got ${JSON.stringify(id)}`);
    }
    return id;
  };

  const client: PetfinderClient = {
    baseUrl,
    async types(opts) {
      return (await get("types", endpoint("types"), TypesResponseSchema, opts?.signal)).types;
    },
    async type(type, opts) {
      const slug = typeSlug(type);
      return (await get(`type ${slug}`, endpoint(`types/${slug}`), TypeResponseSchema, opts?.signal)).type;
    },
    async breeds(type, opts) {
      const slug = typeSlug(type);
      return (await get(`breeds of ${slug}`, endpoint(`types/${slug}/breeds`), BreedsResponseSchema, opts?.signal)).breeds;
    },
    async animals(params, opts) {
      return get("animal search", endpoint("animals", animalSearchParams(params)), AnimalsPageSchema, opts?.signal);
    },
    async animal(id, opts) {
      const text = animalId(id);
      return (await get(`animal ${text}`, endpoint(`animals/${text}`), AnimalResponseSchema, opts?.signal)).animal;
    },
    async organizations(params, opts) {
      return get("organization search", endpoint("organizations", organizationSearchParams(params)), OrganizationsPageSchema, opts?.signal);
    },
    async organization(id, opts) {
      const text = organizationId(id);
      return (await get(`organization ${text}`, endpoint(`organizations/${encodeURIComponent(text)}`), OrganizationResponseSchema, opts?.signal))
        .organization;
    },
    animalPages(params, opts) {
      animalSearchParams(params); // Bad parameters throw here, not at the first next().
      return paginate((page, limit, signal) => client.animals({ ...params, page, limit }, { signal }), "animals", params, opts);
    },
    searchAnimals(params, opts) {
      return flatten(client.animalPages(params, opts), (p) => p.animals);
    },
    organizationPages(params, opts) {
      organizationSearchParams(params);
      return paginate(
        (page, limit, signal) => client.organizations({ ...params, page, limit }, { signal }),
        "organizations",
        params,
        opts,
      );
    },
    searchOrganizations(params, opts) {
      return flatten(client.organizationPages(params, opts), (p) => p.organizations);
    },
  };
  return client;
}

async function* flatten<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[]): AsyncGenerator<T> {
  for await (const page of pages) yield* items(page);
}
