export { createCatApiClient, type CatApiClient } from "./client.js";
export {
  DEFAULT_BASE_URL,
  DEFAULT_REQUESTS_PER_SECOND,
  DEFAULT_TIMEOUT_MS,
  type CatApiClientOptions,
  type CatApiRequestEvent,
  type RetryOptions,
} from "./client-options.js";
export type { CallOptions } from "@cat-harvest/http";
export { ITERATION_PAGE_SIZE, type ImagePage, type PageOptions } from "./image-pages.js";
export type { Pagination } from "./pagination.js";
export { imageSearchParams, type ImageOrder, type ImageSearchParams, type MimeType } from "./search-params.js";
export { BreedSchema, BreedsSchema, ImageSchema, ImagesSchema, type Breed, type Image } from "./schemas.js";
export { catApiCandidates, THECATAPI_SOURCE, type CandidateOptions, type CatApiPhotoCandidate } from "./candidates.js";
export {
  CatApiAuthError,
  CatApiError,
  CatApiHttpError,
  CatApiNetworkError,
  CatApiNotFoundError,
  CatApiQuotaError,
  CatApiRateLimitError,
  CatApiServerError,
  CatApiTimeoutError,
  CatApiValidationError,
  type CatApiValidationIssue,
} from "./errors.js";
export { createCatApiSource, THECATAPI_TERMS, type CatApiRecord } from "./thecatapi-source.js";
