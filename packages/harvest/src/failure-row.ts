import type { FailureRow } from "./dataset-files.js";

/** The `reason` of a byte-identical copy of a stored file (see `FailureRow.duplicate_of`). */
export const DUPLICATE_REASON = "duplicate";
/** How versions before 0.1 wrote a duplicate's reason: `duplicate of <file>`. */
const LEGACY_DUPLICATE_PREFIX = "duplicate of ";

/**
 * Reads one failures.jsonl line, of this version or an earlier one: a duplicate written as
 * `reason: "duplicate of <file>"` comes back as `reason: "duplicate", duplicate_of: <file>`.
 * Returns `undefined` for a line that is not a failure row.
 */
export function readFailureRow(value: unknown): FailureRow | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const row = value as FailureRow;
  if (typeof row.source_url !== "string" || typeof row.reason !== "string") return undefined;
  if (!row.reason.startsWith(LEGACY_DUPLICATE_PREFIX)) return row;
  return { ...row, reason: DUPLICATE_REASON, duplicate_of: row.reason.slice(LEGACY_DUPLICATE_PREFIX.length) };
}

/** The stored file a failure row says it duplicates, or `undefined` when it is another failure. */
export function duplicateOf(row: FailureRow): string | undefined {
  return row.reason === DUPLICATE_REASON ? row.duplicate_of : undefined;
}
