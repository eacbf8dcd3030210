import type { StorageAdapter } from "@cat-harvest/storage";
import { METADATA_FILE, isOwnKey, type MetadataRow } from "./dataset-files.js";
import { readDatasetState } from "./dataset-state.js";
import { withPublicUrl } from "./failure-row.js";
import { textFingerprint } from "./fingerprint.js";
import { createNameTable, type NameTable } from "./name-table.js";
import { readMetadataRows, type UnreadableLine } from "./read-metadata.js";
import { createSlotColumn, type SlotColumn } from "./slot-column.js";
import { createStoredFiles, type StoredFiles } from "./stored-files.js";

/** What a destination holds, read once when a run opens it, by slot of `names`, in typed arrays. */
export interface DestinationScan {
  readonly names: NameTable;
  /** metadata.jsonl's rows, then the journal's (a later row of a file replaces an earlier one). */
  readonly stored: StoredFiles;
  /** Whether a photo (not one of the data set's own files) is stored under `slot`, and its size. */
  isPresent(slot: number): boolean;
  presentSize(slot: number): number;
  /** Whether the stamp of the stored object is the one noted when it was stored or last checked (`false` when either is unknown). */
  stampUnchanged(slot: number): boolean;
  /** Notes `stamp` as the file's checked stamp, or forgets it (`undefined`). */
  noteStamp(slot: number, stamp: string | undefined): void;
  /** Lines of metadata.jsonl or the state file skipped (cut short, garbage): how many, and the first few. */
  readonly unreadableLines: number;
  readonly unreadable: UnreadableLine[];
  /** Rows read from the journal: stored since metadata.jsonl was written, so the next finish rewrites it. */
  readonly journalRows: number;
  /** Each row's metadata line, by slot: only when asked (`keepLines`, for stores that cannot append a journal). */
  readonly lines: Map<number, string> | undefined;
}

/** The first unreadable lines kept for a message. */
const UNREADABLE_SHOWN = 5;
const PRESENT = 1;
const STAMPED = 2;
const NOTED = 4;

/**
 * Lists a destination and reads its metadata.jsonl and state file as they stream past, keeping
 * of each file only what the typed arrays hold (and its line when `keepLines`).
 */
export async function scanDestination(storage: StorageAdapter, options: { readonly keepLines: boolean }): Promise<DestinationScan> {
  const names = createNameTable();
  const stored = createStoredFiles(names);
  const flags = createSlotColumn(Uint8Array);
  const sizes = createSlotColumn(Float64Array);
  const stamps = createSlotColumn(Uint32Array, 4); // present stamp, noted stamp: two fingerprints
  for await (const info of storage.list()) {
    if (isOwnKey(info.key)) continue;
    const slot = names.intern(info.key);
    sizes.set(slot, info.size);
    flags.set(slot, PRESENT | (info.stamp === undefined ? 0 : STAMPED));
    if (info.stamp !== undefined) setStamp(stamps, slot, info.stamp, 0);
  }
  const unreadable: UnreadableLine[] = [];
  let unreadableLines = 0;
  const onUnreadable = (line: UnreadableLine) => {
    unreadableLines++;
    if (unreadable.length < UNREADABLE_SHOWN) unreadable.push(line);
  };
  const lines = options.keepLines ? new Map<number, string>() : undefined;
  const keep = (row: MetadataRow) => {
    const slot = stored.keep(row, false);
    lines?.set(slot, JSON.stringify(row));
  };
  // Rows of earlier versions may hold credentials in source_url.
  for await (const row of readMetadataRows(storage, METADATA_FILE, onUnreadable)) keep(withPublicUrl(row));
  const noteStamp = (slot: number, stamp: string | undefined) => {
    if (stamp === undefined) flags.set(slot, flags.get(slot) & ~NOTED);
    else {
      flags.set(slot, flags.get(slot) | NOTED);
      setStamp(stamps, slot, stamp, 2);
    }
  };
  let journalRows = 0;
  await readDatasetState(storage, onUnreadable, (line) => {
    if (line.row) {
      keep(line.row);
      journalRows++;
    }
    noteStamp(names.intern(line.file_name), line.stamp);
  });
  return {
    names,
    stored,
    isPresent: (slot) => slot >= 0 && (flags.get(slot) & PRESENT) !== 0,
    presentSize: (slot) => sizes.get(slot),
    stampUnchanged(slot) {
      const f = flags.get(slot);
      return (f & STAMPED) !== 0 && (f & NOTED) !== 0 && stamps.get(slot, 0) === stamps.get(slot, 2) && stamps.get(slot, 1) === stamps.get(slot, 3);
    },
    noteStamp,
    unreadableLines,
    unreadable,
    journalRows,
    lines,
  };
}

/** A stamp's fingerprint into two cells of `stamps` from `at` (0: the stamp present now; 2: the one noted). */
function setStamp(stamps: SlotColumn, slot: number, stamp: string, at: number): void {
  const { hi, lo } = textFingerprint(stamp);
  stamps.set(slot, hi, at);
  stamps.set(slot, lo, at + 1);
}
