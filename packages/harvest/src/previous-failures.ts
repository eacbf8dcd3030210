import type { StorageAdapter } from "@cat-harvest/storage";
import { FAILURES_FILE } from "./dataset-files.js";
import { duplicateOf } from "./failure-row.js";
import { readFailureRows } from "./read-failures.js";

/** The previous run's failures.jsonl: its lines by file (or URL), and its known duplicates. */
export interface PreviousFailures {
  /** Lines kept until this run retries them, by `file_name` (or `source_url`). */
  readonly failures: Map<string, string>;
  /** A duplicate's file -> the stored file holding the same bytes. */
  readonly duplicates: Map<string, string>;
}

/** Reads failures.jsonl, leaving out stored files; a line that cannot be read is only a failure not retried. */
export async function readPreviousFailures(storage: StorageAdapter, isStored: (key: string) => boolean): Promise<PreviousFailures> {
  const failures = new Map<string, string>();
  const duplicates = new Map<string, string>();
  for await (const row of readFailureRows(storage, FAILURES_FILE, () => {})) {
    const key = row.file_name ?? row.source_url;
    if (isStored(key)) continue;
    failures.set(key, JSON.stringify(row));
    const original = duplicateOf(row);
    if (original !== undefined && row.file_name && isStored(original)) duplicates.set(row.file_name, original);
  }
  return { failures, duplicates };
}
