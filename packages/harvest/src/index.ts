export {
  HarvestCredentialsError,
  HarvestDatasetError,
  HarvestDestinationError,
  HarvestError,
  HarvestInputError,
  HarvestUnknownBreedError,
  HarvestUsageError,
} from "./errors.js";
export { describeDestination, parseDestination, type Destination } from "./parse-destination.js";
export { parseUrlList, urlListFormat, type UrlListEntry, type UrlListFormat } from "./url-list.js";
export { closestNames, editDistance } from "./closest-names.js";
export {
  BREEDS_FILE,
  DATASET_FILES,
  FAILURES_FILE,
  METADATA_FILE,
  countBreeds,
  type BreedCount,
  type FailureRow,
  type MetadataRow,
} from "./dataset-files.js";
export { INTERNAL_PREFIX, openDataset, type Dataset, type OpenDatasetOptions, type ResumeInfo, type StoredState } from "./dataset.js";
export { verifyDataset, type VerifyMismatch, type VerifyOptions, type VerifyResult } from "./verify.js";
