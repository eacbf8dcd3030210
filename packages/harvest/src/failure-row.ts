import { publicUrl } from "@cat-harvest/http";
import type { FailureRow } from "./dataset-files.js";

/** The `reason` of a byte-identical copy of a stored file (see `FailureRow.duplicate_of`). */
export const DUPLICATE_REASON = "duplicate";
/** How versions before 0.1 wrote a duplicate's reason: `duplicate of <file>`. */
const LEGACY_DUPLICATE_PREFIX = "duplicate of ";

/**
 * Reads one failures.jsonl line, of this version or an earlier one: a duplicate written as
 * `reason: "duplicate of <file>"` comes back as `reason: "duplicate", duplicate_of: <file>`.
 * Returns `undefined` for a line that is not a failure row. Its `source_url` comes back
 * without credentials (`withPublicUrl`), as earlier versions did not always store it so.
 */
export function readFailureRow(value: unknown): FailureRow | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (typeof (value as FailureRow).source_url !== "string" || typeof (value as FailureRow).reason !== "string") return undefined;
  const row = withPublicUrl(value as FailureRow);
  if (!row.reason.startsWith(LEGACY_DUPLICATE_PREFIX)) return row;
  return { ...row, reason: DUPLICATE_REASON, duplicate_of: row.reason.slice(LEGACY_DUPLICATE_PREFIX.length) };
}

/** The stored file a failure row says it duplicates, or `undefined` when it is another failure. */
export function duplicateOf(row: FailureRow): string | undefined {
  return row.reason === DUPLICATE_REASON ? row.duplicate_of : undefined;
}

/**
 * A row whose `source_url` (and `detail`, which may quote it) holds no user name, password or
 * secret query value (`publicUrl`).
 */
export function withPublicUrl<T extends { readonly source_url: string; readonly detail?: string }>(row: T): T {
  const source_url = publicUrl(row.source_url);
  const detail = row.detail === undefined ? undefined : publicUrl(row.detail);
  if (source_url === row.source_url && detail === row.detail) return row;
  return { ...row, source_url, ...(detail === undefined ? {} : { detail }) };
}
