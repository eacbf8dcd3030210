import { publicUrl } from "@cat-harvest/http";
import type { ShardRow } from "./shard-row.js";
import type { RowOutcome, ShardRowLine } from "./shard-result.js";

/** A row's line in its shard's `.jsonl` (and, stored, its `.json` member): nothing from credentials. */
export function shardRowLine(key: string, row: ShardRow, outcome: RowOutcome, labels: readonly string[], file: string | undefined): ShardRowLine {
  const cls = row.label === undefined ? -1 : labels.indexOf(row.label);
  const base = lineBase(key, row.line, row.failure ? row.url : publicUrl(row.url), row.label ?? null, cls, outcome.status, row.origin);
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

/** The fields every line starts with, in their order. */
function lineBase(key: string, line: number, url: string, label: string | null, cls: number, status: RowOutcome["status"], origin: ShardRow["origin"]) {
  return { key, line, url, label, ...(cls >= 0 ? { cls } : {}), status, ...(origin ? { origin } : {}) };
}

/** A stored row's line once it is found to be a later copy of `duplicateOf`'s content (as `shardRowLine` gives a `duplicate` outcome). */
export function duplicateLine(stored: ShardRowLine, duplicateOf: string): ShardRowLine {
  const { bytes, sha256, attempts } = stored;
  return {
    ...lineBase(stored.key, stored.line, stored.url, stored.label, stored.cls ?? -1, "duplicate", stored.origin),
    bytes: bytes!,
    sha256: sha256!,
    duplicate_of: duplicateOf,
    attempts,
  };
}
