export {
  HarvestCredentialsError,
  HarvestDatasetError,
  HarvestDestinationError,
  HarvestError,
  HarvestInputError,
  HarvestUnknownBreedError,
  HarvestUsageError,
} from "./errors.js";
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
export { hashStream, sha256OfText, type CreateSha256 } from "./hash-stream.js";
export { DEFAULT_CAP, DEFAULT_CONCURRENCY, DEFAULT_PER_BREED, DEFAULT_SIZE, harvest, quotaAdvice, type DownloadRunOptions, type HarvestOptions, type HarvestSummary } from "./harvest.js";
export { downloadList, UNLABELLED, urlFileName, type DownloadListOptions } from "./download-list.js";
export { readCacheSummary, RECORDS_PAGE_SIZE, streamRecords, type BreedRecord, type CachedRecordsSummary, type RecordsCacheLocation, type RecordsOutcome, type StreamRecordsOptions } from "./records.js";
export { storePhotos, type PhotoJob, type PhotoJobMeta, type StorePhotosOptions } from "./store-photos.js";
export type { HarvestProgress } from "./progress.js";
