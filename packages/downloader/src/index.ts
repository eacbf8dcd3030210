export { createDownloader, DEFAULT_CONCURRENCY, DEFAULT_MAX_BUFFERED_BYTES, download } from "./downloader.js";
export type {
  DownloadBytes,
  DownloadDone,
  DownloadEnd,
  DownloadEvent,
  DownloadFailed,
  DownloadJob,
  Downloader,
  DownloaderOptions,
  DownloadResult,
  DownloadRetry,
  DownloadSkipped,
  DownloadStarted,
  DownloadSummary,
  DuplicateHook,
  IncrementalHash,
  RunOptions,
} from "./types.js";
export { DownloaderError, DownloadJobError, DuplicateHookError } from "./errors.js";
export { type FailureReason, isRetryableReason, isRetryableStatus } from "./reasons.js";
export { detectImageFormat, IMAGE_MIME_TYPES, type ImageFormat } from "./image-format.js";
export { readImageDimensions, type ImageDimensions } from "./image-dimensions.js";
export { isImageComplete } from "./image-end.js";
// The one backoff and Retry-After parser, shared with the API clients; re-exported so imports of them from here keep working.
export { backoffDelay, parseRetryAfter } from "@cat-harvest/http";
export { DEFAULT_USER_AGENT } from "./user-agent.js";
export { VERSION } from "./version.js";
export { createDefaultSha256, createPortableSha256, toHex } from "./sha256.js";
