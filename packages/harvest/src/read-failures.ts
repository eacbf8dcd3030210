import type { StorageAdapter } from "@cat-harvest/storage";
import type { FailureRow } from "./dataset-files.js";
import { readFailureRow } from "./failure-row.js";
import { readJsonLines } from "./read-lines.js";
import { storedBody } from "./stored-body.js";
import type { UnreadableLine } from "./read-metadata.js";

/**
 * The rows of a failures.jsonl-shaped file, of this version or an earlier one (`readFailureRow`:
 * URLs without credentials, duplicates as `reason: "duplicate"`). A line that cannot be read is
 * passed to `onUnreadable` and skipped. None when the file is missing.
 */
export async function* readFailureRows(storage: StorageAdapter, key: string, onUnreadable: (line: UnreadableLine) => void): AsyncGenerator<FailureRow> {
  const body = await storedBody(storage, key);
  if (!body) return;
  for await (const { value, line } of readJsonLines(body, (n) => onUnreadable({ file: key, line: n, problem: "not JSON (cut short?)" }))) {
    const row = readFailureRow(value);
    if (row) yield row;
    else onUnreadable({ file: key, line, problem: 'not a failure row (no "source_url" or "reason")' });
  }
}
