export { createRescueGroupsClient, type RescueGroupsBreed, type RescueGroupsClient } from "./client.js";
export { DEFAULT_BASE_URL, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_TIMEOUT_MS, type RescueGroupsClientOptions } from "./client-options.js";
export type { CallOptions } from "@cat-harvest/http";
export type { RetryOptions } from "./retry-options.js";
export type { RescueGroupsRequestEvent } from "./request-event.js";
export type { PageMeta, PageOptions, RescueGroupsPage } from "./paginate.js";
export { MAX_PAGE_SIZE, type CatSearchParams, type RescueGroupsFilter } from "./search-params.js";
export type { RescueGroupsAnimal, RescueGroupsPicture } from "./join-pictures.js";
export {
  AnimalResourceSchema,
  AnimalsPageSchema,
  BreedResourceSchema,
  BreedsPageSchema,
  MetaSchema,
  PictureResourceSchema,
  PictureSizeSchema,
  ResourceIdentifierSchema,
  type AnimalAttributes,
  type AnimalResource,
  type AnimalsPageBody,
  type BreedResource,
  type BreedsPageBody,
  type Meta,
  type PictureResource,
} from "./schemas.js";
export {
  rescueGroupsCandidates,
  type RescueGroupsCandidatesOptions,
  type RescueGroupsPhotoCandidate,
  type RescueGroupsSkip,
  type RescueGroupsSkipReason,
} from "./photo-candidates.js";
export {
  RescueGroupsAuthError,
  RescueGroupsBadRequestError,
  RescueGroupsError,
  RescueGroupsHttpError,
  RescueGroupsNetworkError,
  RescueGroupsNotFoundError,
  RescueGroupsQuotaError,
  RescueGroupsRateLimitError,
  RescueGroupsServerError,
  RescueGroupsTimeoutError,
  RescueGroupsValidationError,
  type JsonApiErrorObject,
  type RescueGroupsInvalidField,
  type RescueGroupsValidationIssue,
} from "./errors.js";
export { createRescueGroupsSource, RESCUEGROUPS_SOURCE, RESCUEGROUPS_TERMS } from "./rescuegroups-source.js";
