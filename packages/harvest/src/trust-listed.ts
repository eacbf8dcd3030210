import type { StorageAdapter } from "@cat-harvest/storage";
import type { StateLine } from "./dataset-state.js";
import { recheckFiles } from "./recheck-files.js";
import type { DestinationScan } from "./scan-destination.js";
import type { StoredRow } from "./stored-files.js";

/** Which listed files a re-run keeps (still listed in `scan.stored`), and which it fetches again. */
export interface TrustedFiles {
  /** Listed files missing, of another size, or rewritten with other bytes: unlisted now. */
  readonly damaged: number;
  /** Those of them still present. */
  readonly damagedKeys: Set<string>;
  /** How many listed files were re-hashed. */
  readonly rechecked: number;
  /** The re-hashed files found unchanged, with their stamp now (for the journal). */
  readonly confirmed: StateLine[];
}

/**
 * Checks the files `scan.stored` lists against the stored objects: a file missing or of
 * another size is unlisted, and so is one re-hashed to other bytes. A re-hashed file found
 * unchanged gets its stamp now noted, a changed one loses its stamp.
 */
export async function trustListedFiles(storage: StorageAdapter, scan: DestinationScan, options: Parameters<typeof recheckFiles>[2]): Promise<TrustedFiles> {
  const { stored } = scan;
  const replace = storage.capabilities.replace;
  const damagedKeys = new Set<string>();
  let damaged = 0;
  const unlist = (slot: number, key: string) => {
    damaged++;
    stored.remove(slot);
    if (scan.isPresent(slot)) damagedKeys.add(key);
  };

  // Trusted: present with the listed size and the stamp noted when it was stored. A folder or
  // S3 file with another stamp (or none noted) is re-hashed; an archive's entries are never
  // rewritten in place (and a store that cannot read cannot re-hash), so there the size decides.
  const toCheck: Array<StoredRow & { slot: number }> = [];
  for (const slot of stored.listed()) {
    const row = stored.row(slot)!;
    if (!scan.isPresent(slot) || scan.presentSize(slot) !== row.bytes) unlist(slot, row.file_name);
    else if (replace && storage.capabilities.read && !scan.stampUnchanged(slot)) toCheck.push({ ...row, slot });
  }
  const changed = await recheckFiles(storage, toCheck, options);
  const confirmed: StateLine[] = [];
  for (const row of toCheck) {
    if (changed.has(row.file_name)) {
      unlist(row.slot, row.file_name);
      scan.noteStamp(row.slot, undefined);
      continue;
    }
    const stamp = (await storage.stat(row.file_name))?.stamp;
    scan.noteStamp(row.slot, stamp);
    if (stamp !== undefined) confirmed.push({ file_name: row.file_name, stamp });
  }
  return { damaged, damagedKeys, rechecked: toCheck.length, confirmed };
}
