import { FingerprintSet } from "../fingerprint-set.js";
import { textFingerprint } from "../fingerprint.js";
import type { ShardRow } from "./shard-row.js";

/** Beyond this many URLs the set is not sized up front (a wrong count in a plan must not take gigabytes); it doubles as it fills. */
const MAX_PRESIZED = 1 << 26;

/**
 * The rows whose URL has not come before (first occurrence wins), by 64-bit URL fingerprints
 * in one `FingerprintSet` (8 bytes a slot, no object per URL). A dropped row is only counted
 * (`onDropped`). Refused rows (`failure`) are never dropped: their `url` is only a line's start.
 * `expected`, the unique URLs when a plan already counted them, sizes the set up front: it is
 * then never doubled (at a million URLs a doubling holds 8 and 16 MiB at once).
 */
export async function* uniqueRows(
  rows: AsyncIterable<ShardRow> | Iterable<ShardRow>,
  onDropped?: (row: ShardRow) => void,
  expected?: number,
): AsyncGenerator<ShardRow> {
  const presized = Number.isSafeInteger(expected) && expected! >= 0 && expected! <= MAX_PRESIZED;
  const seen = new FingerprintSet(presized ? { expected: expected! } : {});
  for await (const row of rows) {
    if (row.failure || seen.add(textFingerprint(row.url)) === -1) yield row;
    else onDropped?.(row);
  }
}
