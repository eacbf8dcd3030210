export {
  HarvestCredentialsError,
  HarvestBadRowError,
  HarvestColumnError,
  HarvestDatasetError,
  HarvestError,
  HarvestInputError,
  HarvestLineTooLongError,
  HarvestPlanMismatchError,
  HarvestUnknownBreedError,
  HarvestUsageError,
  type HarvestUsageErrorOptions,
  type BadRowReason,
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
export { urlListInputOf, type UrlListInput } from "./list-input.js";
export type { ListColumns } from "./list-columns.js";
export { EXCERPT_CHARS, excerpt } from "./excerpt.js";
export { closestNames, editDistance } from "./closest-names.js";
export {
  BREEDS_FILE,
  CARD_FILE,
  DATASET_FILES,
  FAILURES_FILE,
  INTERNAL_PREFIX,
  METADATA_FILE,
  RECORDS_CACHE_FILE,
  REPORT_FILE,
  STATE_FILE,
  countBreeds,
  isOwnKey,
  recordsCacheFile,
  type BreedCount,
  type FailureRow,
  type MetadataRow,
} from "./dataset-files.js";
export { SOURCES_FILE, writeSourcesFile } from "./sources-file.js";
export { DUPLICATE_REASON, duplicateOf, readFailureRow } from "./failure-row.js";
export { openDataset, type Dataset, type DroppedDuplicates, type OpenDatasetOptions, type ResumeInfo, type StoredRow, type StoredState } from "./dataset.js";
export { CANDIDATE_QUEUE_CAPACITY } from "./drain-candidates.js";
export { readMetadataRows, type UnreadableLine } from "./read-metadata.js";
export { readFailureRows } from "./read-failures.js";
export { verifyDataset, type VerifyMismatch, type VerifyOptions, type VerifyResult } from "./verify.js";
export { hashStream, sha256OfText, type CreateSha256 } from "./hash-stream.js";
export type { PhotoCandidate, PhotoJob } from "./photo-candidate.js";
export { createPhotoPlacer, type PhotoPlace } from "./place-photo.js";
export { createPhotoDecider, type PhotoDecision, type PhotoDeciderOptions } from "./decide-photo.js";
export { createPhotoAdmitter, type AdmitCounters } from "./admit-photo.js";
export { urlFileName } from "./url-file-name.js";
export { DEFAULT_CONCURRENCY, type DownloadRunOptions } from "./download-run-options.js";
export {
  DEFAULT_CAP,
  DEFAULT_PER_BREED,
  DEFAULT_SIZE,
  harvest,
  planHarvest,
  quotaAdvice,
  type HarvestOptions,
  type HarvestPlan,
  type HarvestSummary,
  type SourcePlan,
} from "./harvest.js";
export { downloadList, listEntryCandidate, UNLABELLED, type DownloadListOptions } from "./download-list.js";
export { readCacheSummary, type CachedRecordsSummary, type RecordsCacheLocation } from "./records-cache.js";
export { streamRecords, type BreedRecord, type RecordsOutcome, type StreamRecordsOptions } from "./source-records.js";
export type { PhotoSource, SourceCandidatesOptions, SourceQuota, SourceRecordPage, SourceRecordsOptions, SourceTerms } from "@cat-harvest/photos";
export { storePhotos, type StorePhotosOptions } from "./store-photos.js";
export type { HarvestProgress } from "./progress.js";
export {
  DEFAULT_SHARD_SIZE,
  CLASSES_FILE,
  DUPLICATES_FILE,
  PLAN_FILE,
  SHARD_PARTS_PREFIX,
  SPOOL_PREFIX,
  SUMMARY_FILE,
  sampleKey,
  shardFiles,
  shardName,
} from "./shards/shard-names.js";
export { SHARD_FORMATS, checkShardOptions, planShards, type PlanShardsOptions, type ShardFormat, type ShardPlan } from "./shards/shard-plan.js";
export type { ShardRow, ShardRowOrigin } from "./shards/shard-row.js";
export { BREED_RECORDS_PREFIX, breedRecordsKey } from "./breed-records-key.js";
export { fetchBreedRecords, type FetchBreedRecordsOptions } from "./fetch-breed-records.js";
export { decideHarvestRows, type DecideHarvestRowsOptions, type HarvestRows } from "./decide-harvest-rows.js";
export { DEFAULT_HARVEST_SHARD_SIZE, harvestShardPlan } from "./harvest-shard-plan.js";
export { listRows } from "./shards/list-rows.js";
export { planList, type PlanListOptions } from "./shards/plan-list.js";
export { listColumns } from "./list-columns.js";
export { uniqueRows } from "./shards/unique-rows.js";
export { shardRows, type ShardInput } from "./shards/shard-rows.js";
export { identifyInput, type InputIdentity } from "./shards/input-identity.js";
export { claimShardPlan, planDifference, readShardPlan } from "./shards/store-plan.js";
export { runShard, type RunShardOptions } from "./shards/run-shard.js";
export { isShardFinished } from "./shards/is-shard-finished.js";
export type { RowOutcome, ShardRowLine, ShardStats } from "./shards/shard-result.js";
export { finishShards, type FinishShardsOptions, type ShardedSummary } from "./shards/finish-shards.js";
export { downloadShards, type DownloadShardsOptions } from "./shards/download-shards.js";
export { runShards, type RunShardsOptions } from "./shards/run-shards.js";
export { verifyShards, type VerifyShardsOptions } from "./shards/verify-shards.js";
export { FingerprintSet } from "./fingerprint-set.js";
export { sha256Fingerprint, textFingerprint, type Fingerprint } from "./fingerprint.js";
export { readShardRows, type StoredShardRow } from "./shards/read-shard-rows.js";
export { readShardMembers, type ReadShardMembersOptions } from "./shards/read-shard-members.js";
export { failureRowOf, metadataRowOf } from "./shards/files-rows.js";
