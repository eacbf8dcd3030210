export { ReportDatasetError, ReportError } from "./errors.js";
export type { Thumbnail, Thumbnailer } from "./thumbnailer.js";
export type { DatasetReader } from "./dataset-reader.js";
export { readFilesLayout } from "./read-files-layout.js";
export { readShardsLayout } from "./read-shards-layout.js";
export { openDatasetReader } from "./open-dataset-reader.js";
export type { BreedSheet, FailureGroup, ReportData } from "./report-data.js";
export type { ReportMade } from "./made.js";
export { formatBytes } from "./format-bytes.js";
export { sizeCategory } from "./size-category.js";
export {
  DEFAULT_MINIMUM,
  DEFAULT_PER_BREED,
  DEFAULT_THUMBNAIL_SIZE,
  writeReport,
  type WriteReportOptions,
  type WriteReportResult,
  type WrittenFile,
} from "./write-report.js";
