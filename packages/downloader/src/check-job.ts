import { publicUrl } from "@cat-harvest/http";
import { type StorageAdapter, StorageError, validateKey } from "@cat-harvest/storage";
import { failedResult } from "./job-results.js";
import type { DownloadFailed, DownloadJob, DownloadResult } from "./types.js";

/**
 * Checks a job before any network use: an http(s) URL and a safe key. Returns the failure,
 * or `null` when the job may go ahead.
 */
export function checkJob<M>(job: DownloadJob<M>): DownloadFailed<M> | null {
  if (typeof job !== "object" || job === null) {
    return failedResult({ url: String(job), key: "" }, "invalid-url", `Expected a job object {url, key, meta?}, got ${typeof job}`, 0) as DownloadFailed<M>;
  }
  if (typeof job.url !== "string")
    return failedResult(job, "invalid-url", `Job ${JSON.stringify(job.key)} has no url string; give each job an absolute http(s) URL`, 0);
  let parsed: URL;
  try {
    parsed = new URL(job.url);
  } catch {
    return failedResult(job, "invalid-url", `${JSON.stringify(publicUrl(job.url))} is not an absolute URL; give each job an absolute http(s) URL`, 0);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return failedResult(job, "unsupported-protocol", `${publicUrl(job.url)} uses ${parsed.protocol}; only http: and https: URLs are downloaded`, 0);
  }
  try {
    validateKey(job.key);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failedResult(job, "invalid-key", `Job for ${publicUrl(job.url)} has a refused key: ${message}`, 0);
  }
  return null;
}

/** Skips a job whose key is stored already; `null` when it must be downloaded. */
export async function checkExisting<M>(
  job: DownloadJob<M>,
  { storage, skipExisting }: { readonly storage: StorageAdapter; readonly skipExisting: boolean },
): Promise<DownloadResult<M> | null> {
  if (!skipExisting) return null;
  let info;
  try {
    info = await storage.stat(job.key);
  } catch (error) {
    if (!StorageError.isInstance(error)) throw error;
    return failedResult(job, "storage", `Checking ${JSON.stringify(job.key)} in ${storage.name} storage failed: ${error.message}`, 0);
  }
  if (info === null) return null;
  return { type: "skipped", key: job.key, url: job.url, meta: job.meta, reason: "exists", bytes: info.size, attempts: 0 };
}
