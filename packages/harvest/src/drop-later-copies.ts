import type { StorageAdapter } from "@cat-harvest/storage";
import type { ContentClaims } from "./content-claims.js";
import type { FailureRow, MetadataRow } from "./dataset-files.js";
import { DUPLICATE_REASON } from "./failure-row.js";
import type { NameTable } from "./name-table.js";
import type { StoredFiles } from "./stored-files.js";

/** What `finish` dropped: copies of content a file of the same folder whose name sorts first holds. */
export interface DroppedDuplicates {
  readonly duplicates: number;
  /** How many of them this run had stored. */
  readonly storedThisRun: number;
}

/** A dropped copy: its file, its bytes, and the file kept in its place. */
export interface DroppedCopy {
  readonly sha256: string;
  readonly bytes: number;
  readonly keeper: string;
}

/**
 * Of byte-identical files in a folder the one whose name sorts first stays; the others are
 * deleted and unlisted (their metadata rows, met again when metadata.jsonl is rewritten, become
 * duplicate failure rows: `duplicateRow`). Returns the dropped copies by file name.
 */
export async function dropLaterCopies(
  storage: StorageAdapter,
  claims: ContentClaims,
  names: NameTable,
  stored: StoredFiles,
): Promise<{ dropped: DroppedDuplicates; copies: Map<string, DroppedCopy> }> {
  let storedThisRun = 0;
  const copies = new Map<string, DroppedCopy>();
  const holds = (key: string, sha256: string) => stored.row(names.find(key))?.sha256 === sha256;
  for (const { key, keeper } of claims.losers(holds)) {
    const slot = names.find(key);
    const row = stored.row(slot)!;
    await storage.delete(key);
    if (stored.isFresh(slot)) storedThisRun++;
    stored.remove(slot);
    copies.set(key, { sha256: row.sha256, bytes: row.bytes, keeper });
  }
  return { dropped: { duplicates: copies.size, storedThisRun }, copies };
}

/** The failure row of a dropped copy, from its metadata row. */
export function duplicateRow(row: MetadataRow, keeper: string): FailureRow {
  return {
    source_url: row.source_url,
    breed: row.breed,
    animal_id: row.animal_id,
    ...(row.source !== undefined ? { source: row.source, source_id: row.source_id ?? null } : {}),
    reason: DUPLICATE_REASON,
    duplicate_of: keeper,
    attempts: 1,
    file_name: row.file_name,
  };
}
