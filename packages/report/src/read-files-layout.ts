import { BREEDS_FILE, FAILURES_FILE, METADATA_FILE, readFailureRows, readMetadataRows } from "@cat-harvest/harvest";
import { parseBreedCountsCsv } from "@cat-harvest/photos";
import { collectBody, type StorageAdapter } from "@cat-harvest/storage";
import type { DatasetReader } from "./dataset-reader.js";
import { ReportDatasetError } from "./errors.js";
import { readText } from "./read-text.js";

/** A photo larger than this is not read for a thumbnail (a broken or hostile file, not a photo). */
const MAX_PHOTO_BYTES = 64 * 1024 * 1024;

/**
 * Reads a data set in the files layout (a folder, an archive or an S3 prefix, through its
 * storage adapter): metadata.jsonl, failures.jsonl and breeds.csv with the harvest's own readers.
 */
export function readFilesLayout(storage: StorageAdapter): DatasetReader {
  const text = (key: string) => readText(storage, key);
  return {
    layout: "files",
    rows: (onUnreadable) => readMetadataRows(storage, METADATA_FILE, onUnreadable),
    failures: (onUnreadable) => readFailureRows(storage, FAILURES_FILE, onUnreadable),
    async breedCounts() {
      const csv = await text(BREEDS_FILE);
      if (csv === undefined) return undefined;
      try {
        return parseBreedCountsCsv(csv);
      } catch (error) {
        throw new ReportDatasetError(BREEDS_FILE, `cannot be read (${(error as Error).message}); run the same harvest again to rewrite it`, { cause: error });
      }
    },
    text,
    async photo(row) {
      const info = await storage.stat(row.file_name);
      if (!info || info.size > MAX_PHOTO_BYTES) return undefined;
      const body = await storage.get(row.file_name);
      return body ? await collectBody(body) : undefined;
    },
  };
}
