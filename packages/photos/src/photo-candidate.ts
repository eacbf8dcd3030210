import type { PhotoSize } from "./photo-size.js";

/**
 * One photo a source offers the pipeline, whatever the source (Petfinder records, a URL list,
 * another API): the pipeline decides, downloads and describes photos from these fields alone.
 * A queued candidate is a URL and a few short fields, never the record it came from.
 */
export interface PhotoCandidate {
  readonly url: string;
  /** The label: the breed folder it goes to (`unlabelled` for a list line without one). */
  readonly breed: string;
  /** The id of the source record (a Petfinder animal, a Cat API image), or `null` when there is none. */
  readonly recordId: number | string | null;
  /** The photo's number within its record (1-based), or `null`. */
  readonly photo: number | null;
  /** The size the URL is of, when the source knows it: a stored file of another size is replaced. */
  readonly size?: PhotoSize;
  /** The source's name (`PhotoSource.name`), when it came from one. */
  readonly source?: string;
  /**
   * The file's name inside its breed folder, when the source chooses it (stable from run to
   * run, unique across sources). @default `<recordId>-<photo>.jpg`, or a name from the URL
   */
  readonly fileName?: string;
}
