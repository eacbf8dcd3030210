import type { AdmitCounters } from "./admit-photo.js";
import type { HarvestProgress } from "./progress.js";
import type { DownloadCounters } from "./store-photos.js";

/** The counters of a run, changed in place; `report` hands a snapshot to `onProgress`. */
export type RunCounters = { -readonly [K in keyof HarvestProgress]: HarvestProgress[K] } & AdmitCounters & DownloadCounters;

/** Starts a run's counters at zero. */
export function createRunProgress(
  phase: HarvestProgress["phase"],
  breedsTotal: number,
  onProgress?: (progress: HarvestProgress) => void,
  startedAt = Date.now(),
): { progress: RunCounters; report: () => void } {
  const progress: RunCounters = {
    phase,
    breedsTotal,
    breedsDone: 0,
    records: 0,
    queued: 0,
    stored: 0,
    existing: 0,
    failed: 0,
    duplicates: 0,
    overCap: 0,
    bytes: 0,
    startedAt,
  };
  return { progress, report: () => onProgress?.({ ...progress }) };
}
