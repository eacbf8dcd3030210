import type { StorageAdapter } from "@cat-harvest/storage";
import { METADATA_FILE, isOwnKey, type MetadataRow } from "./dataset-files.js";
import { readDatasetState } from "./dataset-state.js";
import { withPublicUrl } from "./failure-row.js";
import { readMetadataRows, type UnreadableLine } from "./read-metadata.js";

/** A stored object as listed: its size and stamp. */
export interface PresentFile {
  readonly size: number;
  readonly stamp: string | undefined;
}

/** What a destination holds, read once when a run opens it. */
export interface DestinationScan {
  /** Every stored photo (the data set's own files left out). */
  readonly present: Map<string, PresentFile>;
  /** metadata.jsonl's rows, then the journal's (a later row of a file replaces an earlier one). */
  readonly rows: Map<string, MetadataRow>;
  /** Each file's stamp when it was stored or last checked. */
  readonly stamps: Map<string, string>;
  /** Lines of metadata.jsonl or the state file that were skipped (cut short, garbage). */
  readonly unreadable: UnreadableLine[];
}

/** Lists a destination and reads its metadata.jsonl and state file, keeping every whole line. */
export async function scanDestination(storage: StorageAdapter): Promise<DestinationScan> {
  const present = new Map<string, PresentFile>();
  for await (const info of storage.list()) {
    if (!isOwnKey(info.key)) present.set(info.key, { size: info.size, stamp: info.stamp });
  }
  const unreadable: UnreadableLine[] = [];
  const onUnreadable = (line: UnreadableLine) => void unreadable.push(line);
  const rows = new Map<string, MetadataRow>();
  // Rows of earlier versions may hold credentials in source_url.
  for await (const row of readMetadataRows(storage, METADATA_FILE, onUnreadable)) rows.set(row.file_name, withPublicUrl(row));
  const state = await readDatasetState(storage, onUnreadable);
  for (const [key, row] of state.rows) rows.set(key, row);
  return { present, rows, stamps: state.stamps, unreadable };
}
