import { FingerprintSet } from "../fingerprint-set.js";
import { textFingerprint } from "../fingerprint.js";
import type { ShardRow } from "./shard-row.js";

/**
 * The rows whose URL has not come before (first occurrence wins), by 64-bit URL fingerprints
 * in one `FingerprintSet` (8 bytes a slot, no object per URL). A dropped row is only counted
 * (`onDropped`). Refused rows (`failure`) are never dropped: their `url` is only a line's start.
 */
export async function* uniqueRows(rows: AsyncIterable<ShardRow> | Iterable<ShardRow>, onDropped?: (row: ShardRow) => void): AsyncGenerator<ShardRow> {
  const seen = new FingerprintSet();
  for await (const row of rows) {
    if (row.failure || seen.add(textFingerprint(row.url)) === -1) yield row;
    else onDropped?.(row);
  }
}
