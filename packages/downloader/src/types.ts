import type { StorageAdapter } from "@cat-harvest/storage";
import type { ImageFormat } from "./image-format.js";
import type { FailureReason } from "./reasons.js";

/** One thing to download: where from, where to, and anything the caller wants echoed back. */
export interface DownloadJob<M = unknown> {
  /** An absolute http(s) URL. */
  readonly url: string;
  /** The storage key, e.g. `Bengal/123-1.jpg`. */
  readonly key: string;
  /** Carried unchanged into every event about this job. */
  readonly meta?: M;
}

/** A file stored and verified. */
export interface DownloadDone<M = unknown> {
  readonly type: "done";
  readonly key: string;
  readonly url: string;
  readonly meta: M | undefined;
  /** Bytes stored. */
  readonly bytes: number;
  /** Lowercase hex SHA-256 of the stored bytes. */
  readonly sha256: string;
  readonly format: ImageFormat;
  /** The MIME type the body was stored with, from its magic bytes. */
  readonly contentType: string;
  readonly width?: number;
  readonly height?: number;
  /** Attempts it took, 1 when the first one succeeded. */
  readonly attempts: number;
}

/** A job that ended without a stored file. Nothing was left under its key. */
export interface DownloadFailed<M = unknown> {
  readonly type: "failed";
  readonly key: string;
  readonly url: string;
  readonly meta: M | undefined;
  readonly reason: FailureReason;
  readonly message: string;
  readonly attempts: number;
  /** The last HTTP status seen, when there was one. */
  readonly status?: number;
}

/** A job that needed no download: already stored (`exists`), or a byte-identical duplicate. */
export interface DownloadSkipped<M = unknown> {
  readonly type: "skipped";
  readonly key: string;
  readonly url: string;
  readonly meta: M | undefined;
  readonly reason: "exists" | "duplicate";
  /** For `duplicate`: the hash the hook matched. */
  readonly sha256?: string;
  /** For `duplicate`: the body's length; for `exists`: the stored object's size. */
  readonly bytes?: number;
  readonly attempts: number;
}

/** How one job ended. */
export type DownloadResult<M = unknown> = DownloadDone<M> | DownloadFailed<M> | DownloadSkipped<M>;

/** The first attempt at a job is about to be made. */
export interface DownloadStarted<M = unknown> {
  readonly type: "started";
  readonly key: string;
  readonly url: string;
  readonly meta: M | undefined;
}

/** An attempt failed in a way worth another try, which comes after `delayMs`. */
export interface DownloadRetry<M = unknown> {
  readonly type: "retry";
  readonly key: string;
  readonly url: string;
  readonly meta: M | undefined;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: FailureReason;
  readonly message: string;
  readonly status?: number;
}

/** Body bytes arrived (one event per chunk read), for progress bars. */
export interface DownloadBytes {
  readonly type: "bytes";
  readonly key: string;
  readonly url: string;
  /** Bytes in this chunk. */
  readonly bytes: number;
  /** Bytes received so far in this attempt. */
  readonly received: number;
  /** The Content-Length, when the server sent one. */
  readonly total?: number;
}

/** The run is over (finished, aborted or stopped by an error); always the last event. */
export interface DownloadEnd {
  readonly type: "end";
  readonly summary: DownloadSummary;
}

export type DownloadEvent<M = unknown> = DownloadStarted<M> | DownloadRetry<M> | DownloadBytes | DownloadResult<M> | DownloadEnd;

/** What a run did, in totals. */
export interface DownloadSummary {
  /** Jobs taken from the input. */
  readonly jobs: number;
  /** Files stored. */
  readonly stored: number;
  /** Jobs skipped because their key was stored already. */
  readonly skipped: number;
  /** Jobs dropped as byte-identical duplicates by the content-hash hook. */
  readonly duplicates: number;
  /** Jobs that failed. */
  readonly failed: number;
  /** Failed jobs counted by reason code. */
  readonly failedByReason: Readonly<Partial<Record<FailureReason, number>>>;
  /** HTTP attempts made, first tries included. */
  readonly attempts: number;
  /** Attempts after a first one. */
  readonly retries: number;
  /** Bytes stored. */
  readonly bytes: number;
  readonly durationMs: number;
  /** Whether the run's signal stopped it before the input was used up. */
  readonly aborted: boolean;
}

/** An incremental SHA-256: `update` per chunk, then one `digest` of 32 bytes. */
export interface IncrementalHash {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

/** Decides, before a body is committed, whether it repeats one already kept. */
export type DuplicateHook<M = unknown> = (sha256: string, job: DownloadJob<M>) => boolean | Promise<boolean>;

export interface DownloaderOptions<M = unknown> {
  /** Where files go. */
  readonly storage: StorageAdapter;
  /**
   * Requests open at once. A job whose body has arrived whole gives its slot to the next
   * job while its file is committed to storage; at most 2 x `concurrency` jobs are under
   * way in all, so a slow disk holds the downloads back.
   * @default 64 (`DEFAULT_CONCURRENCY`)
   */
  readonly concurrency?: number;
  /**
   * Jobs downloading at once from one host (`hostname:port`). A job for a busy host is set
   * aside while workers go on with jobs for other hosts; at most max(64, 4 x concurrency)
   * jobs are set aside, which bounds how far the input is read ahead.
   * @default Infinity (only `concurrency` applies)
   */
  readonly perHostConcurrency?: number;
  /**
   * Attempts per job, the first included. Only transient failures are retried: network
   * errors, resets, 408/425/429/5xx, bodies cut short, timeouts.
   * @default 4
   */
  readonly maxAttempts?: number;
  /**
   * Base of the exponential backoff: the n-th retry waits a random time in
   * [0, min(retryMaxDelayMs, retryBaseDelayMs * 2^(n-1))].
   * @default 500
   */
  readonly retryBaseDelayMs?: number;
  /**
   * Ceiling of one backoff wait.
   * @default 30_000
   */
  readonly retryMaxDelayMs?: number;
  /**
   * Longest wait taken from a Retry-After header (seconds or HTTP date); longer requests
   * are cut to this.
   * @default 60_000
   */
  readonly maxRetryAfterMs?: number;
  /**
   * Time from sending a request to its (final, after redirects) response headers.
   * @default 10_000
   */
  readonly connectTimeoutMs?: number;
  /**
   * Longest silence while reading a body. A body read whole (see `maxBufferedBytes`) is
   * read in one call, so for it this is the longest time the whole body may take.
   * @default 15_000
   */
  readonly idleTimeoutMs?: number;
  /**
   * Longest time for one attempt, headers and body.
   * @default 120_000
   */
  readonly totalTimeoutMs?: number;
  /**
   * Largest body accepted, checked against Content-Length up front and while streaming.
   * @default 52_428_800 (50 MiB)
   */
  readonly maxBytes?: number;
  /**
   * Bodies that announce a Content-Length of at most this many bytes are read whole into
   * memory, checked, and handed to `storage.put` as one `Uint8Array` (one write, and the
   * connection is free before the write starts). Longer bodies, and bodies of unknown
   * length, stream into `storage.put` chunk by chunk. 0 streams every body. Memory held
   * is at most about 2 x `concurrency` x this.
   * @default 1_048_576 (1 MiB, `DEFAULT_MAX_BUFFERED_BYTES`)
   */
  readonly maxBufferedBytes?: number;
  /**
   * Redirect hops followed per attempt; each hop must stay on http(s).
   * @default 5
   */
  readonly maxRedirects?: number;
  /**
   * Image formats accepted, by magic bytes.
   * @default ["jpeg", "png", "gif", "webp"]
   */
  readonly formats?: readonly ImageFormat[];
  /**
   * Refuse bodies whose end marker is missing (JPEG FFD9, PNG IEND, GIF trailer, WebP RIFF
   * length) as `truncated`, and retry them.
   * @default true
   */
  readonly checkImageEnd?: boolean;
  /**
   * Skip jobs whose key `storage.stat` finds already stored (resume).
   * @default true
   */
  readonly skipExisting?: boolean;
  /**
   * Called with each complete body's SHA-256 before it is committed; `true` drops it (the
   * put stores nothing) and reports the job as skipped, `duplicate`.
   */
  readonly isDuplicate?: DuplicateHook<M>;
  /**
   * What the run's signal does to jobs already downloading: `"abort"` stops them (they
   * report `aborted` and store nothing), `"finish"` lets them end normally.
   * @default "abort"
   */
  readonly inFlightOnAbort?: "abort" | "finish";
  /**
   * Sent with every request.
   * @default DEFAULT_USER_AGENT, `cat-harvest-downloader/<version> (+https://github.com/cat-harvest/cat-harvest)`
   */
  readonly userAgent?: string;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Receives every event. Result events (`done`, `failed`, `skipped`) are awaited before
   * the worker takes its next job, so a log written here is complete when `run` settles.
   * A throw stops the run, which rejects with it.
   */
  readonly onEvent?: (event: DownloadEvent<M>) => void | Promise<void>;
  /**
   * Makes the incremental SHA-256 each body is hashed with. The default is the runtime's
   * native SHA-256 where it has one (Node, Bun and Deno, through `process.getBuiltinModule`),
   * else portable TypeScript (`createPortableSha256`, @noble/hashes).
   * @default createDefaultSha256
   * @example createSha256: () => createHash("sha256")
   */
  readonly createSha256?: () => IncrementalHash;
  /**
   * The fetch to use.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Random numbers in [0, 1) for backoff jitter.
   * @default Math.random
   */
  readonly random?: () => number;
}

export interface RunOptions {
  /** Stops taking jobs; see `inFlightOnAbort` for the jobs already running. */
  readonly signal?: AbortSignal;
}

/** A configured downloader; `run` may be called many times, one run at a time or several. */
export interface Downloader<M = unknown> {
  /**
   * Downloads every job, pulling from `jobs` only as workers free up, and resolves with the
   * totals once every job has ended. Rejects with the signal's reason when aborted (after
   * in-flight jobs have settled and an `end` event carried the summary).
   */
  run(jobs: Iterable<DownloadJob<M>> | AsyncIterable<DownloadJob<M>>, options?: RunOptions): Promise<DownloadSummary>;
}
