import type { StorageAdapter } from "@cat-harvest/storage";
import { STATE_FILE, metadataRowProblem, type MetadataRow } from "./dataset-files.js";
import { readJsonLines } from "./read-lines.js";
import type { UnreadableLine } from "./read-metadata.js";

/**
 * One line of the state file: a file's stamp when it was stored or last checked, and, in the
 * journal part (lines appended while a run stores files), its metadata row.
 */
export interface StateLine {
  readonly file_name: string;
  readonly stamp?: string;
  readonly row?: MetadataRow;
}

/**
 * Reads the state file line by line, passing each whole line to `onLine` in order (a later line
 * of a file says more recently what it is); lines cut short or not understood go to `onUnreadable`.
 */
export async function readDatasetState(
  storage: StorageAdapter,
  onUnreadable: (line: UnreadableLine) => void,
  onLine: (line: StateLine) => void | Promise<void>,
): Promise<void> {
  if (!storage.capabilities.read || !(await storage.stat(STATE_FILE))) return;
  const body = await storage.get(STATE_FILE);
  if (!body) return;
  const unreadable = (line: number, problem: string) => onUnreadable({ file: STATE_FILE, line, problem });
  for await (const { value, line } of readJsonLines(body, (n) => unreadable(n, "not JSON (cut short?)"))) {
    const entry = value as Partial<StateLine> | null;
    if (typeof entry !== "object" || entry === null || typeof entry.file_name !== "string") {
      unreadable(line, 'no "file_name"');
      continue;
    }
    if (entry.row !== undefined) {
      const problem = metadataRowProblem(entry.row);
      if (problem || entry.row.file_name !== entry.file_name) {
        unreadable(line, problem ?? "a row of another file");
        continue;
      }
    }
    await onLine({ file_name: entry.file_name, ...(typeof entry.stamp === "string" ? { stamp: entry.stamp } : {}), ...(entry.row ? { row: entry.row } : {}) });
  }
}

/** Encodes state lines, one JSON object and a newline each. */
export function stateLines(lines: Iterable<StateLine>): string {
  let out = "";
  for (const line of lines) out += JSON.stringify(line) + "\n";
  return out;
}
