import type { Dataset } from "./dataset.js";
import type { PhotoCandidate } from "./photo-candidate.js";
import { FingerprintSet } from "./fingerprint-set.js";
import { textFingerprint } from "./fingerprint.js";
import { createPhotoPlacer, type PhotoPlace } from "./place-photo.js";

/** What happens to one candidate, and why. */
export type PhotoDecision = PhotoPlace &
  (
    | /** Not stored yet: download it. */ { readonly action: "store" }
    /** Stored at another size on a medium that can replace it: download it again. */
    | { readonly action: "repair" }
    /** Stored complete but unlisted (an interrupted run): hash it and keep it. */
    | { readonly action: "adopt" }
    /** Not downloaded, not recorded. */
    | { readonly action: "skip"; readonly why: "repeated" | "stored" | "over-cap" }
    /** Not downloaded; failures.jsonl says why. */
    | { readonly action: "drop"; readonly why: "damaged-in-archive" | "size-changed-in-archive"; readonly detail: string }
    /** An earlier run found it byte-identical to `duplicateOf`. */
    | { readonly action: "duplicate"; readonly duplicateOf: string }
  );

export interface PhotoDeciderOptions {
  /** Images kept per folder (files stored earlier count). @default no cap */
  readonly cap?: number;
}

/**
 * The one place that decides why a photo is stored, skipped, repaired or dropped, for every
 * run (`harvest`, `downloadList`). Decisions depend on the candidates before (repeats, the
 * folder caps), so call it in the candidates' order.
 */
export function createPhotoDecider(
  dataset: Pick<Dataset, "storage" | "counts" | "state" | "knownDuplicate">,
  options: PhotoDeciderOptions = {},
): (candidate: PhotoCandidate) => PhotoDecision {
  const cap = options.cap ?? Infinity;
  const place = createPhotoPlacer();
  const canReplace = dataset.storage.capabilities.replace;
  // Constant memory per key (a fingerprint), whatever the number of candidates.
  const seen = new FingerprintSet();
  // Folder counts start from what is stored, so a re-run never goes over the cap.
  const inFolder = new Map<string, number>();
  for (const { folder, images } of dataset.counts()) inFolder.set(folder, images);

  return (candidate) => {
    const where = place(candidate);
    if (seen.add(textFingerprint(where.key)) !== -1) return { ...where, action: "skip", why: "repeated" };
    const state = dataset.state(where.key);
    if (state.state === "stored") {
      const stored = candidate.size === undefined ? undefined : state.row.size;
      if (stored === undefined || stored === candidate.size) return { ...where, action: "skip", why: "stored" };
      if (!canReplace) {
        const detail = `the archive holds this photo at size ${stored} and cannot replace it; write size ${candidate.size} into a new destination`;
        return { ...where, action: "drop", why: "size-changed-in-archive", detail };
      }
      return { ...where, action: "repair" }; // already counts towards the cap
    }
    if (state.state === "damaged") {
      const detail = "the archive holds this file with other bytes than metadata.jsonl listed, and an archive cannot replace it; write into a new destination";
      return { ...where, action: "drop", why: "damaged-in-archive", detail };
    }
    const holder = dataset.knownDuplicate(where.key);
    if (holder !== undefined) return { ...where, action: "duplicate", duplicateOf: holder };
    const count = inFolder.get(where.folder) ?? 0;
    if (count >= cap) return { ...where, action: "skip", why: "over-cap" };
    inFolder.set(where.folder, count + 1);
    return { ...where, action: state.state === "adopt" ? "adopt" : "store" };
  };
}
