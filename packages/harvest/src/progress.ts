/** Live counters of a run, handed to `onProgress` after every change (throttle in the app). */
export interface HarvestProgress {
  /** `api` while records are still arriving, `download` after, `done` at the end. */
  readonly phase: "records" | "download" | "done";
  readonly breedsTotal: number;
  readonly breedsDone: number;
  /** Records (animals) received, from the cache or the API. */
  readonly records: number;
  /** Photos handed to the downloader so far. */
  readonly queued: number;
  /** Files stored in this run. */
  readonly stored: number;
  /** Files found stored by an earlier run (not fetched again). */
  readonly existing: number;
  /** Photos that failed in this run. */
  readonly failed: number;
  /** Byte-identical re-posts dropped. */
  readonly duplicates: number;
  /** Bytes stored in this run. */
  readonly bytes: number;
  /** `Date.now()` at the start. */
  readonly startedAt: number;
}
