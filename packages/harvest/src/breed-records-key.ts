/** Where a harvest run as jobs keeps each breed's records in DEST, for the decision step to read. */
export const BREED_RECORDS_PREFIX = "_api/";

/**
 * The storage key of one source's records for one breed, in the records cache's format:
 * `_api/rescuegroups/Maine%20Coon.jsonl.gz`.
 */
export function breedRecordsKey(source: string, breed: string): string {
  return `${BREED_RECORDS_PREFIX}${encodeURIComponent(source)}/${encodeURIComponent(breed)}.jsonl.gz`;
}
