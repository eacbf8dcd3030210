import { createTransport, type CallOptions } from "@cat-harvest/http";
import type * as v from "valibot";
import { checkOptions, DEFAULT_BASE_URL, TRANSPORT_DEFAULTS, normalizeBaseUrl, type PetfinderClientOptions } from "./client-options.js";
import { animalId, organizationId } from "./ids.js";
import { paginate, type PageOptions } from "./paginate.js";
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
import { animalSearchParams, organizationSearchParams, type AnimalSearchParams, type OrganizationSearchParams } from "./search-params.js";
import { createTokenManager, type IssuedToken } from "./token-manager.js";
import { requestJson, type TransportConfig } from "./transport.js";
import { typeSlug } from "./type-slug.js";

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

/**
 * Creates a Petfinder API v2 client. No request is made until the first call.
 * @example
 * const petfinder = createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: emulator.url });
 * for await (const cat of petfinder.searchAnimals({ type: "cat", breed: "Bengal" }, { maxRecords: 50 })) console.log(cat.name);
 */
export function createPetfinderClient(options: PetfinderClientOptions): PetfinderClient {
  checkOptions(options);
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const recentTokens: string[] = [];
  const config: TransportConfig = {
    ...createTransport(options, TRANSPORT_DEFAULTS, () => [options.clientSecret, ...recentTokens]),
    onRequest: options.onRequest,
  };
  const endpoint = endpointsOf(baseUrl);
  const tokens = createTokenManager(() => requestToken(config, endpoint("oauth2/token"), options, recentTokens));
  const get: GetJson = (operation, url, schema, signal) => requestJson(config, { operation, method: "GET", url, schema, tokens, signal });
  const lookups = lookupMethods(endpoint, get);
  return { baseUrl, ...lookups, ...searchMethods(lookups) };
}

type Endpoint = (path: string, query?: URLSearchParams) => URL;
type GetJson = <S extends v.GenericSchema>(operation: string, url: URL, schema: S, signal?: AbortSignal) => Promise<v.InferOutput<S>>;
type Lookups = Pick<PetfinderClient, "types" | "type" | "breeds" | "animals" | "animal" | "organizations" | "organization">;
type Searches = Pick<PetfinderClient, "animalPages" | "searchAnimals" | "organizationPages" | "searchOrganizations">;

function endpointsOf(baseUrl: string): Endpoint {
  return (path, query) => {
    const url = new URL(`${baseUrl}/v2/${path}`);
    if (query) url.search = query.toString();
    return url;
  };
}

/** `POST /v2/oauth2/token`; the few latest tokens are kept for redaction. */
async function requestToken(
  config: TransportConfig,
  url: URL,
  { clientId, clientSecret }: PetfinderClientOptions,
  recentTokens: string[],
): Promise<IssuedToken> {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
  const response = await requestJson(config, { operation: "token", method: "POST", url, schema: TokenResponseSchema, body });
  recentTokens.unshift(response.access_token);
  recentTokens.length = Math.min(recentTokens.length, 4);
  return { value: response.access_token, expiresIn: response.expires_in };
}

/** One request each: the seven endpoints. */
function lookupMethods(endpoint: Endpoint, get: GetJson): Lookups {
  return {
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
      const url = endpoint(`organizations/${encodeURIComponent(text)}`);
      return (await get(`organization ${text}`, url, OrganizationResponseSchema, opts?.signal)).organization;
    },
  };
}

/** The paged searches, built on the one-page lookups. Bad parameters throw at the call, not at the first `next()`. */
function searchMethods({ animals, organizations }: Pick<Lookups, "animals" | "organizations">): Searches {
  const searches: Searches = {
    animalPages(params, opts) {
      animalSearchParams(params);
      return paginate((page, limit, signal) => animals({ ...params, page, limit }, { signal }), "animals", params, opts);
    },
    searchAnimals(params, opts) {
      return flatten(searches.animalPages(params, opts), (p) => p.animals);
    },
    organizationPages(params, opts) {
      organizationSearchParams(params);
      return paginate((page, limit, signal) => organizations({ ...params, page, limit }, { signal }), "organizations", params, opts);
    },
    searchOrganizations(params, opts) {
      return flatten(searches.organizationPages(params, opts), (p) => p.organizations);
    },
  };
  return searches;
}

async function* flatten<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[]): AsyncGenerator<T> {
  for await (const page of pages) yield* items(page);
}
