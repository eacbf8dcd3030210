import { publicUrl } from "@cat-harvest/http";
import type { ShardRow } from "./shard-row.js";
import type { RowOutcome, ShardRowLine } from "./shard-result.js";

/** A row's line in its shard's `.jsonl` (and, stored, its `.json` member): nothing from credentials. */
export function shardRowLine(key: string, row: ShardRow, outcome: RowOutcome, labels: readonly string[], file: string | undefined): ShardRowLine {
  const cls = row.label === undefined ? -1 : labels.indexOf(row.label);
  const base = {
    key,
    line: row.line,
    url: row.failure ? row.url : publicUrl(row.url),
    label: row.label ?? null,
    ...(cls >= 0 ? { cls } : {}),
    status: outcome.status,
    ...(row.origin ? { origin: row.origin } : {}),
  };
  if (outcome.status === "stored") {
    const { bytes, sha256, width, height, attempts } = outcome;
    return { ...base, file: file!, bytes, sha256, ...(width !== undefined ? { width } : {}), ...(height !== undefined ? { height } : {}), attempts };
  }
  if (outcome.status === "duplicate") {
    const { bytes, sha256, duplicate_of, attempts } = outcome;
    return { ...base, bytes, sha256, duplicate_of, attempts };
  }
  return { ...base, reason: outcome.reason, detail: publicUrl(outcome.detail), attempts: outcome.attempts };
}
