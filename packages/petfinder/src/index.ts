export { createPetfinderClient, type PetfinderClient } from "./client.js";
export { DEFAULT_BASE_URL, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_TIMEOUT_MS, type PetfinderClientOptions } from "./client-options.js";
export type { CallOptions } from "@cat-harvest/http";
export type { RetryOptions } from "./retry-options.js";
export type { PetfinderRequestEvent } from "./request-event.js";
export { ITERATION_PAGE_SIZE, type PageOptions } from "./paginate.js";
export {
  animalSearchParams,
  organizationSearchParams,
  type AnimalAge,
  type AnimalCoat,
  type AnimalGender,
  type AnimalSearchParams,
  type AnimalSize,
  type AnimalSort,
  type AnimalStatus,
  type OneOrMany,
  type OrganizationSearchParams,
  type OrganizationSort,
} from "./search-params.js";
export { typeSlug } from "./type-slug.js";
export {
  AddressSchema,
  AnimalResponseSchema,
  AnimalSchema,
  AnimalsPageSchema,
  AnimalTypeSchema,
  BreedSchema,
  BreedsResponseSchema,
  LinkSchema,
  OrganizationResponseSchema,
  OrganizationSchema,
  OrganizationsPageSchema,
  PaginationSchema,
  PhotoSchema,
  TokenResponseSchema,
  TypeResponseSchema,
  TypesResponseSchema,
  type Address,
  type Animal,
  type AnimalsPage,
  type AnimalType,
  type Breed,
  type Organization,
  type OrganizationsPage,
  type Pagination,
  type Photo,
  type TokenResponse,
} from "./schemas.js";
export {
  PetfinderAuthError,
  PetfinderBadRequestError,
  PetfinderError,
  PetfinderHttpError,
  PetfinderNetworkError,
  PetfinderNotFoundError,
  PetfinderQuotaError,
  PetfinderRateLimitError,
  PetfinderServerError,
  PetfinderTimeoutError,
  PetfinderValidationError,
  type PetfinderInvalidParam,
  type PetfinderProblem,
  type PetfinderValidationIssue,
} from "./errors.js";
export { createPetfinderSource, PETFINDER_PAGE_SIZE, PETFINDER_TERMS } from "./petfinder-source.js";
