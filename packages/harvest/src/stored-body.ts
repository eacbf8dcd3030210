import type { StorageAdapter } from "@cat-harvest/storage";
import { HarvestDatasetError } from "./errors.js";

/** The body of one of the data set's files, or `undefined` when it is not stored; throws when the storage cannot read back. */
export async function storedBody(storage: StorageAdapter, key: string): Promise<ReadableStream<Uint8Array> | undefined> {
  if (!(await storage.stat(key))) return undefined;
  if (!storage.capabilities.read) throw new HarvestDatasetError(key, `${storage.name} storage cannot read objects back`);
  return (await storage.get(key)) ?? undefined;
}
