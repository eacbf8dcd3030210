import { readShardPlan } from "@cat-harvest/harvest";
import type { StorageAdapter } from "@cat-harvest/storage";
import type { DatasetReader } from "./dataset-reader.js";
import { readFilesLayout } from "./read-files-layout.js";
import { readShardsLayout } from "./read-shards-layout.js";

/**
 * The reader a data set needs: `readShardsLayout` when its `_plan.json` says `webdataset`, else
 * `readFilesLayout` (a harvest, or a download in the files layout, whose shards are compacted
 * into metadata.jsonl).
 */
export async function openDatasetReader(storage: StorageAdapter): Promise<DatasetReader> {
  const plan = await readShardPlan(storage);
  return plan?.format === "webdataset" ? readShardsLayout(storage, plan) : readFilesLayout(storage);
}
