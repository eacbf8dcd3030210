import type { FailureRow, MetadataRow } from "../dataset-files.js";
import { DUPLICATE_REASON } from "../failure-row.js";
import { UNLABELLED } from "../unlabelled.js";
import type { ShardRowLine } from "./shard-result.js";

/** A stored row's metadata.jsonl line: a URL list's as a download has always written it, a source's photo as a harvest writes it. */
export function metadataRowOf(line: ShardRowLine): MetadataRow {
  const origin = line.origin;
  return {
    file_name: line.file!,
    breed: line.label ?? UNLABELLED,
    animal_id: origin ? origin.animal_id : null,
    ...(origin ? { source: origin.source, source_id: origin.source_id } : {}),
    photo: origin ? origin.photo : null,
    source_url: line.url,
    bytes: line.bytes!,
    sha256: line.sha256!,
    ...(line.width !== undefined ? { width: line.width } : {}),
    ...(line.height !== undefined ? { height: line.height } : {}),
  };
}

/** A failed or duplicate row's failures.jsonl line; `duplicateOf` makes a stored row a later copy. */
export function failureRowOf(line: ShardRowLine, duplicateOf?: string): FailureRow {
  const origin = line.origin;
  const base = {
    source_url: line.url,
    breed: line.label ?? UNLABELLED,
    animal_id: origin ? origin.animal_id : null,
    ...(origin ? { source: origin.source, source_id: origin.source_id } : {}),
  };
  const copyOf = duplicateOf ?? line.duplicate_of;
  // A source's photo names the file it would have been, stored or not, as a harvest's failure lines do.
  const file = line.file ?? origin?.file;
  if (copyOf !== undefined) {
    return { ...base, reason: DUPLICATE_REASON, duplicate_of: copyOf, attempts: line.attempts, ...(file ? { file_name: file } : {}) };
  }
  return {
    ...base,
    reason: line.reason ?? "failed",
    attempts: line.attempts,
    ...(line.detail !== undefined ? { detail: line.detail } : {}),
    ...(origin ? { file_name: file } : {}),
  };
}
