import type { MetadataRow } from "./dataset-files.js";
import { encodeLines, sortedValues } from "./encode-lines.js";

/** One listed file as the data set holds it: its metadata line and what the run asks of it. */
export interface StoredEntry {
  readonly line: string;
  readonly source?: string | undefined;
  readonly breed: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Stored by this run. */
  readonly fresh: boolean;
}

/** The files metadata.jsonl lists, by file name, with their total size. */
export interface StoredFiles {
  readonly entries: ReadonlyMap<string, StoredEntry>;
  readonly bytes: number;
  /** Lists a file (replacing an earlier row of it). */
  keep(row: MetadataRow, fresh: boolean): void;
  /** Unlists a file; returns what was listed. */
  remove(key: string): StoredEntry | undefined;
  row(key: string): MetadataRow | undefined;
  /** metadata.jsonl as it stands. */
  metadataBody(): ReturnType<typeof encodeLines>;
}

export function createStoredFiles(): StoredFiles {
  const entries = new Map<string, StoredEntry>();
  let bytes = 0;
  return {
    entries,
    get bytes() {
      return bytes;
    },
    keep(row, fresh) {
      const previous = entries.get(row.file_name);
      if (previous) bytes -= previous.bytes;
      entries.set(row.file_name, { line: JSON.stringify(row), breed: row.breed, bytes: row.bytes, sha256: row.sha256, fresh, source: row.source });
      bytes += row.bytes;
    },
    remove(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      bytes -= entry.bytes;
      return entry;
    },
    row(key) {
      const entry = entries.get(key);
      return entry && (JSON.parse(entry.line) as MetadataRow);
    },
    // Sorted by file name: the same data set gives the same bytes, whatever order files were stored in.
    metadataBody: () => encodeLines(sortedValues(entries, (e) => e.line)),
  };
}
