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

/** What the state file says: rows stored since metadata.jsonl was written, and stamps. */
export interface DatasetState {
  readonly rows: Map<string, MetadataRow>;
  readonly stamps: Map<string, string>;
}

/** Reads the state file; lines cut short or not understood go to `onUnreadable`. */
export async function readDatasetState(storage: StorageAdapter, onUnreadable: (line: UnreadableLine) => void): Promise<DatasetState> {
  const rows = new Map<string, MetadataRow>();
  const stamps = new Map<string, string>();
  if (!storage.capabilities.read || !(await storage.stat(STATE_FILE))) return { rows, stamps };
  const body = await storage.get(STATE_FILE);
  if (!body) return { rows, stamps };
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
      rows.set(entry.file_name, entry.row);
    }
    if (typeof entry.stamp === "string") stamps.set(entry.file_name, entry.stamp);
    else stamps.delete(entry.file_name);
  }
  return { rows, stamps };
}

/** Encodes state lines, one JSON object and a newline each. */
export function stateLines(lines: Iterable<StateLine>): string {
  let out = "";
  for (const line of lines) out += JSON.stringify(line) + "\n";
  return out;
}
