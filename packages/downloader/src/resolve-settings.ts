import type { StorageAdapter } from "@cat-harvest/storage";
import { IMAGE_MIME_TYPES, type ImageFormat } from "./image-format.js";
import { nonNegative, nonNegativeInteger, positiveInteger } from "./option-checks.js";
import type { JobSettings } from "./download-job.js";
import { checkSha256Factory, createDefaultSha256 } from "./sha256.js";
import type { DownloaderOptions } from "./types.js";
import { DEFAULT_USER_AGENT } from "./user-agent.js";

/** Jobs downloading at once unless told otherwise: enough to keep a CDN 20 ms away busy. */
export const DEFAULT_CONCURRENCY = 64;
/** Bodies up to this size are read whole before they are stored. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;

const ACCEPT = "image/jpeg,image/png,image/gif,image/webp,image/*;q=0.8,*/*;q=0.5";

/** Every setting a run needs, checked and defaulted once, when the downloader is created. */
export interface RunSettings extends JobSettings {
  readonly concurrency: number;
  readonly perHostConcurrency: number;
  readonly inFlightOnAbort: "abort" | "finish";
}

/** Checks `options` (a `TypeError` naming the first bad one) and fills in the defaults. */
export function resolveSettings<M>(options: DownloaderOptions<M>): RunSettings {
  if (typeof options !== "object" || options === null) throw new TypeError("createDownloader needs an options object with at least { storage }");
  const storage = checkStorage(options.storage);
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== "function") throw new TypeError("Downloader option fetch must be a function; this runtime has no globalThis.fetch, so pass one");
  const formats = checkFormats(options.formats ?? (Object.keys(IMAGE_MIME_TYPES) as ImageFormat[]));
  if (options.isDuplicate !== undefined && typeof options.isDuplicate !== "function") throw new TypeError("Downloader option isDuplicate must be a function");
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") throw new TypeError("Downloader option onEvent must be a function");
  const inFlightOnAbort = options.inFlightOnAbort ?? "abort";
  if (inFlightOnAbort !== "abort" && inFlightOnAbort !== "finish")
    throw new TypeError(`Downloader option inFlightOnAbort must be "abort" or "finish", got ${String(inFlightOnAbort)}`);
  const createSha256 = options.createSha256 ?? createDefaultSha256;
  checkSha256Factory(createSha256);
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  if (typeof userAgent !== "string" || userAgent.trim() === "") throw new TypeError("Downloader option userAgent must be a non-empty string");
  return {
    storage,
    fetch: fetchFn,
    headers: { accept: ACCEPT, ...options.headers, "user-agent": userAgent },
    concurrency: positiveInteger("concurrency", options.concurrency, DEFAULT_CONCURRENCY),
    perHostConcurrency: positiveInteger("perHostConcurrency", options.perHostConcurrency, Number.POSITIVE_INFINITY, true),
    maxAttempts: positiveInteger("maxAttempts", options.maxAttempts, 4),
    retryBaseDelayMs: nonNegative("retryBaseDelayMs", options.retryBaseDelayMs, 500),
    retryMaxDelayMs: nonNegative("retryMaxDelayMs", options.retryMaxDelayMs, 30_000),
    maxRetryAfterMs: nonNegative("maxRetryAfterMs", options.maxRetryAfterMs, 60_000),
    connectTimeoutMs: positiveInteger("connectTimeoutMs", options.connectTimeoutMs, 10_000),
    idleTimeoutMs: positiveInteger("idleTimeoutMs", options.idleTimeoutMs, 15_000),
    totalTimeoutMs: positiveInteger("totalTimeoutMs", options.totalTimeoutMs, 120_000),
    maxBytes: positiveInteger("maxBytes", options.maxBytes, 50 * 1024 * 1024),
    maxBufferedBytes: nonNegativeInteger("maxBufferedBytes", options.maxBufferedBytes, DEFAULT_MAX_BUFFERED_BYTES),
    maxRedirects: nonNegative("maxRedirects", options.maxRedirects, 5),
    formats: new Set(formats),
    checkImageEnd: options.checkImageEnd ?? true,
    createSha256,
    skipExisting: options.skipExisting ?? true,
    isDuplicate: options.isDuplicate as JobSettings["isDuplicate"],
    random: options.random ?? Math.random,
    inFlightOnAbort,
  };
}

function checkStorage(storage: unknown): StorageAdapter {
  const adapter = storage as Partial<StorageAdapter> | null;
  if (typeof adapter !== "object" || adapter === null || typeof adapter.put !== "function" || typeof adapter.stat !== "function") {
    throw new TypeError("Downloader option storage must be a storage adapter (createMemoryStorage(), createFsStorage(...), ...)");
  }
  return adapter as StorageAdapter;
}

function checkFormats(formats: readonly ImageFormat[]): readonly ImageFormat[] {
  for (const format of formats) {
    if (!(format in IMAGE_MIME_TYPES)) throw new TypeError(`Downloader option formats has ${JSON.stringify(format)}; use jpeg, png, gif or webp`);
  }
  if (formats.length === 0) throw new TypeError("Downloader option formats is empty; list at least one of jpeg, png, gif, webp");
  return formats;
}
