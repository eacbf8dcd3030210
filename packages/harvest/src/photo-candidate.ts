import type { DownloadJob } from "@cat-harvest/downloader";
import type { PhotoSize } from "@cat-harvest/photos";

/**
 * One photo a source offers the pipeline, whatever the source (Petfinder records, a URL list,
 * later another API): the pipeline decides, downloads and describes photos from these fields
 * alone. A queued candidate is a URL and a few short fields, never the record it came from.
 */
export interface PhotoCandidate {
  readonly url: string;
  /** The label: the breed folder it goes to (`unlabelled` for a list line without one). */
  readonly breed: string;
  /** The id of the source record (a Petfinder animal), or `null` when there is none. */
  readonly recordId: number | null;
  /** The photo's number within its record (1-based), or `null`. */
  readonly photo: number | null;
  /** The size the URL is of, when the source knows it: a stored file of another size is replaced. */
  readonly size?: PhotoSize;
}

/** A candidate the pipeline decided to download: the downloader's job, its meta the candidate. */
export type PhotoJob = DownloadJob<PhotoCandidate>;
