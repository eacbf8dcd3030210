import type { StorageAdapter } from "@cat-harvest/storage";
import type { MetadataRow } from "./dataset-files.js";
import { HarvestDatasetError } from "./errors.js";
import type { CreateSha256 } from "./hash-stream.js";
import { inspectStored } from "./inspect-stored.js";

/**
 * Reads a present, unlisted object and returns its row; `undefined` when it is not a whole
 * image on a store that can replace it.
 */
export async function readAdoptable(
  storage: StorageAdapter,
  key: string,
  partial: Omit<MetadataRow, "bytes" | "sha256">,
  options: { readonly signal?: AbortSignal | undefined; readonly createSha256?: CreateSha256 | undefined },
): Promise<MetadataRow | undefined> {
  const body = await storage.get(key);
  if (!body) throw new HarvestDatasetError(key, "it was listed but cannot be read back");
  const found = await inspectStored(body, options.signal, options.createSha256);
  // A folder's stray file that is not a whole image is downloaded over; an archive keeps what it holds.
  if (storage.capabilities.replace && !found.image) return undefined;
  const dimensions = found.width !== undefined && found.height !== undefined ? { width: found.width, height: found.height } : {};
  return { ...partial, file_name: key, bytes: found.bytes, sha256: found.sha256, ...dimensions };
}
