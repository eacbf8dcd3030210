import { createTransport, type CallOptions } from "@cat-harvest/http";
import { type CatApiClientOptions, checkOptions, DEFAULT_BASE_URL, TRANSPORT_DEFAULTS, normalizeBaseUrl } from "./client-options.js";
import { type ImagePage, ITERATION_PAGE_SIZE, type PageOptions, paginateImages } from "./image-pages.js";
import { readPagination } from "./pagination.js";
import { type Breed, BreedsSchema, type Image, ImageSchema, ImagesSchema } from "./schemas.js";
import { imageSearchParams, type ImageSearchParams } from "./search-params.js";
import { getJson, type TransportConfig } from "./transport.js";

export interface CatApiClient {
  /** The API root this client talks to (with its `/v1`). */
  readonly baseUrl: string;
  /** `GET /breeds`: every breed. */
  breeds(options?: CallOptions): Promise<Breed[]>;
  /** `GET /images/{id}`: one image with its breeds. */
  image(id: string, options?: CallOptions): Promise<Image>;
  /** `GET /images/search`: one page, sent as given (the API's default order is RANDOM, which does not page). */
  searchPage(params?: ImageSearchParams, options?: CallOptions): Promise<ImagePage>;
  /** Every page of a search, in order: `order` is sent (ASC unless DESC is asked), `limit` 25 unless given. */
  imagePages(params?: ImageSearchParams, options?: PageOptions): AsyncIterable<ImagePage>;
  /** Every image of a search, streamed page by page (see `imagePages`). */
  searchImages(params?: ImageSearchParams, options?: PageOptions): AsyncIterable<Image>;
}

/**
 * Creates a The Cat API v1 client. No request is made until the first call.
 * @example
 * const cats = createCatApiClient({ apiKey: "demo", baseUrl: emulator.apiUrl });
 * for await (const image of cats.searchImages({ breedIds: "beng" }, { maxRecords: 50 })) console.log(image.url);
 */
export function createCatApiClient(options: CatApiClientOptions = {}): CatApiClient {
  checkOptions(options);
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const config: TransportConfig = {
    ...createTransport(options, TRANSPORT_DEFAULTS, () => [options.apiKey]),
    apiKey: options.apiKey,
    onRequest: options.onRequest,
  };
  const endpoint = (path: string, query?: URLSearchParams) => {
    const url = new URL(`${baseUrl}/${path}`);
    if (query) url.search = query.toString();
    return url;
  };
  const searchPage = async (params: ImageSearchParams = {}, opts?: CallOptions): Promise<ImagePage> => {
    const { data, headers } = await getJson(config, "image search", endpoint("images/search", imageSearchParams(params)), ImagesSchema, opts?.signal);
    return { images: data, page: params.page ?? 0, pagination: readPagination(headers) };
  };
  const imagePages = (params: ImageSearchParams = {}, opts?: PageOptions) => {
    if (params.order === "RANDOM")
      throw new TypeError("imagePages and searchImages page in order: use order ASC or DESC (RANDOM does not page; use searchPage for a sample)");
    const paged = { ...params, order: params.order ?? "ASC", limit: params.limit ?? ITERATION_PAGE_SIZE } as const;
    imageSearchParams(paged);
    return paginateImages((p, signal) => searchPage(p, { signal }), paged, opts);
  };
  return {
    baseUrl,
    async breeds(opts) {
      return (await getJson(config, "breeds", endpoint("breeds"), BreedsSchema, opts?.signal)).data;
    },
    async image(id, opts) {
      if (typeof id !== "string" || !/^[\w-]+$/.test(id)) throw new TypeError(`image: id must be an image id such as "0XYvRd7oD", got ${JSON.stringify(id)}`);
      return (await getJson(config, `image ${id}`, endpoint(`images/${id}`), ImageSchema, opts?.signal)).data;
    },
    searchPage,
    imagePages,
    async *searchImages(params, opts) {
      for await (const page of imagePages(params, opts)) yield* page.images;
    },
  };
}
