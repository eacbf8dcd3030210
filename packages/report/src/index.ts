export { ReportDatasetError, ReportError } from "./errors.js";
export type { Thumbnail, Thumbnailer } from "./thumbnailer.js";
export type { DatasetReader } from "./dataset-reader.js";
export { readFilesLayout } from "./read-files-layout.js";
export type { BreedSheet, FailureGroup, ReportData } from "./report-data.js";
export type { ReportMade } from "./made.js";
export { formatBytes } from "./format-bytes.js";
export { sizeCategory } from "./size-category.js";
export { DEFAULT_MINIMUM, DEFAULT_PER_BREED, DEFAULT_THUMBNAIL_SIZE, writeReport, type WriteReportOptions, type WriteReportResult } from "./write-report.js";
