import { breedFolderName } from "@cat-harvest/photos";
import type { PhotoCandidate } from "./photo-candidate.js";
import { urlFileName } from "./url-file-name.js";

/** Where a candidate goes in the data set. */
export interface PhotoPlace {
  /** `breedFolderName(breed)`. */
  readonly folder: string;
  /** `<folder>/<fileName>` when the source chose it, `<folder>/<recordId>-<photo>.jpg`, or `<folder>/<urlFileName(url)>` without a record. */
  readonly key: string;
}

/** Places candidates, keeping one folder name per label (thousands of photos share a few dozen). */
export function createPhotoPlacer(): (candidate: PhotoCandidate) => PhotoPlace {
  const folders = new Map<string, string>();
  return (candidate) => {
    let folder = folders.get(candidate.breed);
    if (folder === undefined) folders.set(candidate.breed, (folder = breedFolderName(candidate.breed)));
    const name =
      candidate.fileName ??
      (candidate.recordId !== null && candidate.photo !== null ? `${candidate.recordId}-${candidate.photo}.jpg` : urlFileName(candidate.url));
    return { folder, key: `${folder}/${name}` };
  };
}
