import type { StorageAdapter } from "@cat-harvest/storage";
import type { MetadataRow } from "./dataset-files.js";
import type { StateLine } from "./dataset-state.js";
import { recheckFiles } from "./recheck-files.js";
import type { DestinationScan } from "./scan-destination.js";

/** Which listed files a re-run keeps, and which it fetches again. */
export interface TrustedFiles {
  /** Rows whose files are present and unchanged, in the order they are kept. */
  readonly kept: MetadataRow[];
  /** Listed files missing, of another size, or rewritten with other bytes. */
  readonly damaged: number;
  /** Those of them still present. */
  readonly damagedKeys: Set<string>;
  /** How many listed files were re-hashed. */
  readonly rechecked: number;
  /** The re-hashed files found unchanged, with their stamp now (for the journal). */
  readonly confirmed: StateLine[];
}

/**
 * Turns a destination's scan into the files it keeps. Updates `scan.stamps`: a re-hashed file
 * found unchanged gets its stamp now, a changed one loses its stamp.
 */
export async function trustListedFiles(storage: StorageAdapter, scan: DestinationScan, options: Parameters<typeof recheckFiles>[2]): Promise<TrustedFiles> {
  const { present, stamps } = scan;
  const replace = storage.capabilities.replace;
  const kept: MetadataRow[] = [];
  const damagedKeys = new Set<string>();
  let damaged = 0;

  // Trusted: present with the listed size and the stamp noted when it was stored. A folder or
  // S3 file with another stamp (or none noted) is re-hashed; an archive's entries are never
  // rewritten in place (and a store that cannot read cannot re-hash), so there the size decides.
  const toCheck: MetadataRow[] = [];
  for (const row of scan.rows.values()) {
    const file = present.get(row.file_name);
    if (file?.size !== row.bytes) {
      damaged++;
      if (file) damagedKeys.add(row.file_name);
    } else if (replace && storage.capabilities.read && (file.stamp === undefined || stamps.get(row.file_name) !== file.stamp)) toCheck.push(row);
    else kept.push(row);
  }
  const changed = await recheckFiles(storage, toCheck, options);
  const confirmed: StateLine[] = [];
  for (const row of toCheck) {
    if (changed.has(row.file_name)) {
      damaged++;
      damagedKeys.add(row.file_name);
      stamps.delete(row.file_name);
    } else {
      kept.push(row);
      const stamp = present.get(row.file_name)!.stamp!;
      stamps.set(row.file_name, stamp);
      confirmed.push({ file_name: row.file_name, stamp });
    }
  }
  return { kept, damaged, damagedKeys, rechecked: toCheck.length, confirmed };
}
