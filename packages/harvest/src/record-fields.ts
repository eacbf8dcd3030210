import type { PhotoCandidate } from "./photo-candidate.js";

/** Where a row's photo came from, as metadata and failure lines say it. */
export interface RecordFields {
  /** The record id when it is a number (a Petfinder or RescueGroups animal), else `null`. */
  readonly animal_id: number | null;
  /** The source's name, for a photo from a source (not a URL list). */
  readonly source?: string;
  /** The source's record id. */
  readonly source_id?: number | string | null;
}

/** The row fields naming a candidate's record: `animal_id` always, `source` and `source_id` for a source's photo. */
export function recordFields(candidate: Pick<PhotoCandidate, "recordId" | "source">): RecordFields {
  const animal_id = typeof candidate.recordId === "number" ? candidate.recordId : null;
  return candidate.source === undefined ? { animal_id } : { animal_id, source: candidate.source, source_id: candidate.recordId };
}
