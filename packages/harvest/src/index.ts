export {
  HarvestCredentialsError,
  HarvestDatasetError,
  HarvestError,
  HarvestInputError,
  HarvestLineTooLongError,
  HarvestUnknownBreedError,
  HarvestUsageError,
  type HarvestUsageErrorOptions,
  type LineTooLongReason,
} from "./errors.js";
export {
  MAX_LIST_LINE_CHARS,
  MAX_LIST_URL_CHARS,
  parseUrlList,
  urlListFormat,
  type ParseUrlListOptions,
  type UrlListEntry,
  type UrlListFormat,
} from "./url-list.js";
export { EXCERPT_CHARS, excerpt } from "./excerpt.js";
export { closestNames, editDistance } from "./closest-names.js";
export {
  BREEDS_FILE,
  DATASET_FILES,
  FAILURES_FILE,
  INTERNAL_PREFIX,
  METADATA_FILE,
  RECORDS_CACHE_FILE,
  STATE_FILE,
  countBreeds,
  isOwnKey,
  recordsCacheFile,
  type BreedCount,
  type FailureRow,
  type MetadataRow,
} from "./dataset-files.js";
export { SOURCES_FILE } from "./sources-file.js";
export { DUPLICATE_REASON, duplicateOf, readFailureRow } from "./failure-row.js";
export { openDataset, type Dataset, type DroppedDuplicates, type OpenDatasetOptions, type ResumeInfo, type StoredRow, type StoredState } from "./dataset.js";
export { createFingerprintSet, type FingerprintSet } from "./fingerprint-set.js";
export { CANDIDATE_QUEUE_CAPACITY } from "./drain-candidates.js";
export type { UnreadableLine } from "./read-metadata.js";
export { verifyDataset, type VerifyMismatch, type VerifyOptions, type VerifyResult } from "./verify.js";
export { hashStream, sha256OfText, type CreateSha256 } from "./hash-stream.js";
export type { PhotoCandidate, PhotoJob } from "./photo-candidate.js";
export { createPhotoPlacer, type PhotoPlace } from "./place-photo.js";
export { createPhotoDecider, type PhotoDecision, type PhotoDeciderOptions } from "./decide-photo.js";
export { createPhotoAdmitter, type AdmitCounters } from "./admit-photo.js";
export { urlFileName } from "./url-file-name.js";
export { DEFAULT_CONCURRENCY, type DownloadRunOptions } from "./download-run-options.js";
export { DEFAULT_CAP, DEFAULT_PER_BREED, DEFAULT_SIZE, harvest, quotaAdvice, type HarvestOptions, type HarvestSummary } from "./harvest.js";
export { downloadList, listEntryCandidate, UNLABELLED, type DownloadListOptions } from "./download-list.js";
export { readCacheSummary, type CachedRecordsSummary, type RecordsCacheLocation } from "./records-cache.js";
export { streamRecords, type BreedRecord, type RecordsOutcome, type StreamRecordsOptions } from "./source-records.js";
export type { PhotoSource, SourceCandidatesOptions, SourceQuota, SourceRecordPage, SourceRecordsOptions, SourceTerms } from "@cat-harvest/photos";
export { storePhotos, type StorePhotosOptions } from "./store-photos.js";
export type { HarvestProgress } from "./progress.js";
