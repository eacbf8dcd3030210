import type { StorageAdapter } from "@cat-harvest/storage";
import type { ContentClaims } from "./content-claims.js";
import type { FailureRow, MetadataRow } from "./dataset-files.js";
import { DUPLICATE_REASON } from "./failure-row.js";
import type { StoredFiles } from "./stored-files.js";

/** What `finish` dropped: copies of content a file of the same folder whose name sorts first holds. */
export interface DroppedDuplicates {
  readonly duplicates: number;
  /** How many of them this run had stored. */
  readonly storedThisRun: number;
}

/**
 * Of byte-identical files in a folder the one whose name sorts first stays; the others are
 * deleted, unlisted (and their stamps forgotten) and passed to `fail` as its duplicates.
 */
export async function dropLaterCopies(
  storage: StorageAdapter,
  claims: ContentClaims,
  stored: StoredFiles,
  stamps: Map<string, string>,
  fail: (row: FailureRow) => void,
): Promise<DroppedDuplicates> {
  let duplicates = 0;
  let storedThisRun = 0;
  for (const { key, keeper } of claims.losers((k, sha256) => stored.entries.get(k)?.sha256 === sha256)) {
    const row = stored.row(key)!;
    await storage.delete(key);
    const entry = stored.remove(key)!;
    stamps.delete(key);
    duplicates++;
    if (entry.fresh) storedThisRun++;
    fail(duplicateRow(row, key, keeper));
  }
  return { duplicates, storedThisRun };
}

function duplicateRow(row: MetadataRow, key: string, keeper: string): FailureRow {
  return {
    source_url: row.source_url,
    breed: row.breed,
    animal_id: row.animal_id,
    ...(row.source !== undefined ? { source: row.source, source_id: row.source_id ?? null } : {}),
    reason: DUPLICATE_REASON,
    duplicate_of: keeper,
    attempts: 1,
    file_name: key,
  };
}
