import type { StorageAdapter } from "@cat-harvest/storage";
import pLimit from "p-limit";
import type { MetadataRow } from "./dataset-files.js";
import { hashStream, type CreateSha256 } from "./hash-stream.js";

/** Files re-hashed at once when a run opens its destination. */
const RECHECK_CONCURRENCY = 4;

/**
 * Re-hashes stored files whose stamp changed since they were stored (or was never noted) and
 * returns the ones whose bytes no longer match their row: a rewrite of the same size, which
 * `verify` reports as corrupted, is found here and downloaded again.
 */
export async function recheckFiles(
  storage: StorageAdapter,
  rows: ReadonlyArray<Pick<MetadataRow, "file_name" | "bytes" | "sha256">>,
  options: { readonly signal?: AbortSignal | undefined; readonly createSha256?: CreateSha256 | undefined },
): Promise<Set<string>> {
  const limit = pLimit(RECHECK_CONCURRENCY);
  const changed = new Set<string>();
  await Promise.all(
    rows.map((row) =>
      limit(async () => {
        options.signal?.throwIfAborted();
        const body = await storage.get(row.file_name);
        const actual = body ? await hashStream(body, options.signal, options.createSha256) : undefined;
        if (actual?.sha256 !== row.sha256 || actual.bytes !== row.bytes) changed.add(row.file_name);
      }),
    ),
  );
  return changed;
}
