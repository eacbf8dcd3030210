import { createTransport, type CallOptions } from "@cat-harvest/http";
import { checkOptions, DEFAULT_BASE_URL, TRANSPORT_DEFAULTS, normalizeBaseUrl, type RescueGroupsClientOptions } from "./client-options.js";
import { joinPictures, type RescueGroupsAnimal } from "./join-pictures.js";
import { paginate, type PageMeta, type PageOptions, type RescueGroupsPage } from "./paginate.js";
import { AnimalsPageSchema, BreedsPageSchema, type Meta } from "./schemas.js";
import { MAX_PAGE_SIZE, pageNumber, searchBody, type CatSearchParams } from "./search-params.js";
import { requestJson, type TransportConfig } from "./transport.js";

/** A breed as the API lists it: the id is a number as a string. */
export interface RescueGroupsBreed {
  readonly id: string;
  readonly name: string;
}

export interface RescueGroupsClient {
  /** The API root this client talks to (`/v5` included). */
  readonly baseUrl: string;
  /** `GET /public/animals/breeds/search/cats/`, every page: the cat breeds, names and ids. */
  catBreeds(options?: CallOptions): Promise<RescueGroupsBreed[]>;
  /** `POST /public/animals/search/available/cats/haspic?include=pictures`: one page of adoptable cats with their pictures. */
  catsPage(params?: CatSearchParams, options?: CallOptions): Promise<RescueGroupsPage<RescueGroupsAnimal>>;
  /** Every page of the search, one request per page, as the loop asks for it. */
  catPages(params?: CatSearchParams, options?: PageOptions): AsyncIterable<RescueGroupsPage<RescueGroupsAnimal>>;
  /** Every cat of the search, streamed page by page. */
  searchCats(params?: CatSearchParams, options?: PageOptions): AsyncIterable<RescueGroupsAnimal>;
}

/**
 * Creates a RescueGroups.org v5 client. No request is made until the first call.
 * @example
 * const rescueGroups = createRescueGroupsClient({ apiKey: "your-key" });
 * for await (const cat of rescueGroups.searchCats({ breedId: 1 }, { maxRecords: 50 })) console.log(cat.attributes.name, cat.pictures.length);
 */
export function createRescueGroupsClient(options: RescueGroupsClientOptions): RescueGroupsClient {
  checkOptions(options);
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const config = transportConfig(options);
  const catsPage: RescueGroupsClient["catsPage"] = async (params = {}, opts) => {
    const limit = pageNumber("limit", params.limit, MAX_PAGE_SIZE);
    const page = pageNumber("page", params.page, 1);
    const url = endpoint(baseUrl, "public/animals/search/available/cats/haspic", { include: "pictures", limit, page });
    const body = await requestJson(config, { operation: "cat search", url, schema: AnimalsPageSchema, body: searchBody(params), signal: opts?.signal });
    return { data: joinPictures(body), meta: pageMeta(body.meta, page, limit) };
  };
  const catPages: RescueGroupsClient["catPages"] = (params = {}, opts) => {
    // Bad parameters throw at the call, not at the first next().
    searchBody(params);
    pageNumber("limit", params.limit, MAX_PAGE_SIZE);
    return paginate((page, signal) => catsPage({ ...params, page }, { signal }), pageNumber("page", params.page, 1), opts);
  };
  return {
    baseUrl,
    catBreeds: (opts) => allBreeds(config, baseUrl, opts?.signal),
    catsPage,
    catPages,
    searchCats: (params, opts) => recordsOf(catPages(params, opts)),
  };
}

async function* recordsOf<T>(pages: AsyncIterable<RescueGroupsPage<T>>): AsyncGenerator<T> {
  for await (const page of pages) yield* page.data;
}

function transportConfig(options: RescueGroupsClientOptions): TransportConfig {
  return { ...createTransport(options, TRANSPORT_DEFAULTS, () => [options.apiKey]), apiKey: options.apiKey, onRequest: options.onRequest };
}

function endpoint(baseUrl: string, path: string, query: Record<string, string | number>): URL {
  const url = new URL(`${baseUrl}/${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  return url;
}

function pageMeta(meta: Meta | undefined, page: number, limit: number): PageMeta {
  return { page: meta?.pageReturned ?? page, pages: meta?.pages, count: meta?.count, limit };
}

/** Every page of the cat breeds, at the largest page size. */
async function allBreeds(config: TransportConfig, baseUrl: string, signal: AbortSignal | undefined): Promise<{ id: string; name: string }[]> {
  const breeds: { id: string; name: string }[] = [];
  const pages = paginate(
    async (page, pageSignal) => {
      const url = endpoint(baseUrl, "public/animals/breeds/search/cats/", { limit: MAX_PAGE_SIZE, page });
      const body = await requestJson(config, { operation: "cat breeds", url, schema: BreedsPageSchema, signal: pageSignal });
      return { data: (body.data ?? []).map(({ id, attributes }) => ({ id, name: attributes.name })), meta: pageMeta(body.meta, page, MAX_PAGE_SIZE) };
    },
    1,
    signal ? { signal } : {},
  );
  for await (const page of pages) breeds.push(...page.data);
  return breeds;
}
