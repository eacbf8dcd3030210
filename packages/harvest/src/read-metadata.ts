import type { StorageAdapter } from "@cat-harvest/storage";
import { metadataRowProblem, type MetadataRow } from "./dataset-files.js";
import { readJsonLines } from "./read-lines.js";
import { storedBody } from "./stored-body.js";

/** A line of a metadata file that was skipped, and why. */
export interface UnreadableLine {
  readonly file: string;
  readonly line: number;
  readonly problem: string;
}

/**
 * The rows of a metadata.jsonl-shaped file, every whole, valid line of it: a line cut short (a
 * kill or a full disk during a write) or garbage in the middle is skipped and passed to
 * `onUnreadable`, never fatal. None when the file is missing.
 */
export async function* readMetadataRows(storage: StorageAdapter, key: string, onUnreadable: (line: UnreadableLine) => void): AsyncGenerator<MetadataRow> {
  const body = await storedBody(storage, key);
  if (!body) return;
  for await (const { value, line } of readJsonLines(body, (n) => onUnreadable({ file: key, line: n, problem: "not JSON (cut short?)" }))) {
    const problem = metadataRowProblem(value);
    if (problem) onUnreadable({ file: key, line, problem });
    else yield value as MetadataRow;
  }
}
