import { publicUrl } from "@cat-harvest/http";
import type { Dataset } from "./dataset.js";
import { createPhotoDecider, type PhotoDeciderOptions } from "./decide-photo.js";
import { DUPLICATE_REASON } from "./failure-row.js";
import type { PhotoCandidate, PhotoJob } from "./photo-candidate.js";
import { recordFields } from "./record-fields.js";

/** The counters admitting photos moves. */
export interface AdmitCounters {
  queued: number;
  existing: number;
  failed: number;
  duplicates: number;
  overCap: number;
}

/**
 * Turns candidates into download jobs: decides each (`createPhotoDecider`), writes what the
 * decision says into the data set (failures, duplicates, adopted files) and counts it. Returns
 * the job to download, or `undefined` when there is nothing to download.
 */
export function createPhotoAdmitter(
  dataset: Dataset,
  counters: AdmitCounters,
  options: PhotoDeciderOptions = {},
): (candidate: PhotoCandidate) => Promise<PhotoJob | undefined> {
  const decide = createPhotoDecider(dataset, options);
  return async (candidate) => {
    const decision = decide(candidate);
    const { key } = decision;
    const about = { source_url: publicUrl(candidate.url), breed: candidate.breed, ...recordFields(candidate), attempts: 0, file_name: key };
    switch (decision.action) {
      case "store":
      case "repair":
        counters.queued++;
        return { url: candidate.url, key, meta: candidate };
      case "adopt": {
        const row = await dataset.adopt(key, {
          file_name: key,
          breed: candidate.breed,
          ...recordFields(candidate),
          photo: candidate.photo,
          source_url: publicUrl(candidate.url),
        });
        // Not a whole image (a stray file in a folder): downloaded over.
        if (!row) {
          counters.queued++;
          return { url: candidate.url, key, meta: candidate };
        }
        counters.existing++;
        return undefined;
      }
      case "skip":
        if (decision.why === "stored") counters.existing++;
        else if (decision.why === "over-cap") counters.overCap++;
        return undefined;
      case "drop":
        dataset.fail({ ...about, reason: decision.why, detail: decision.detail });
        // A photo kept at another size is still in the data set.
        if (decision.why === "size-changed-in-archive") counters.existing++;
        else counters.failed++;
        return undefined;
      case "duplicate":
        dataset.fail({ ...about, reason: DUPLICATE_REASON, duplicate_of: decision.duplicateOf });
        counters.duplicates++;
        return undefined;
    }
  };
}
