import type { StorageAdapter } from "@cat-harvest/storage";
import { openDataset, type Dataset, type OpenDatasetOptions } from "./dataset.js";
import type { DownloadRunOptions } from "./download-run-options.js";

/** Opens the run's data set with the run's options; closes the storage when that fails. */
export async function openRunDataset(storage: StorageAdapter, options: DownloadRunOptions & Pick<OpenDatasetOptions, "sources">): Promise<Dataset> {
  try {
    return await openDataset(storage, {
      ...(options.checkpointMs !== undefined ? { checkpointMs: options.checkpointMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.createSha256 ? { createSha256: options.createSha256 } : {}),
      ...(options.sources ? { sources: options.sources } : {}),
    });
  } catch (error) {
    await storage.close().catch(() => {});
    throw error;
  }
}
