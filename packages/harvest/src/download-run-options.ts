import type { CreateSha256 } from "./hash-stream.js";
import type { HarvestProgress } from "./progress.js";

/** Downloads at once when not told. */
export const DEFAULT_CONCURRENCY = 64;

/** How a run downloads and reports: the options `harvest` and `downloadList` share. */
export interface DownloadRunOptions {
  /** Downloads at once (by `harvest`, at most half of it until every record is in). @default 64 */
  readonly concurrency?: number;
  /** Stops the run cleanly: downloads in flight are dropped, metadata is written. */
  readonly signal?: AbortSignal;
  /** The fetch used for photos. @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Makes the SHA-256 files are hashed with.
   * @default the downloader's `createDefaultSha256` (native where the runtime has one)
   */
  readonly createSha256?: CreateSha256;
  /** Milliseconds between metadata.jsonl checkpoints on folders and S3. @default 5000 */
  readonly checkpointMs?: number;
  /** Counters after each change. */
  readonly onProgress?: (progress: HarvestProgress) => void;
  /** Notable events as sentences (a breed done, the quota reached). */
  readonly onLog?: (line: string) => void;
}
