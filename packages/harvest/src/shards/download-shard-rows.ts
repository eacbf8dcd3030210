import { createDownloader, type DownloadEvent } from "@cat-harvest/downloader";
import type { StorageAdapter } from "@cat-harvest/storage";
import type { CreateSha256 } from "../hash-stream.js";
import type { ShardRow } from "./shard-row.js";
import type { RowOutcome } from "./shard-result.js";

/** A row with where its download goes. */
export interface PlacedRow {
  readonly row: ShardRow;
  /** Its index within the shard. */
  readonly index: number;
  /** The storage key its body is put under (none for a refused row). */
  readonly target?: string;
}

export interface DownloadShardRowsOptions {
  readonly storage: StorageAdapter;
  readonly concurrency: number;
  readonly signal?: AbortSignal | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
  readonly createSha256?: CreateSha256 | undefined;
  /** Each row's outcome, as it settles (in completion order). The row is not held after. */
  readonly onSettled: (placed: PlacedRow, outcome: RowOutcome) => void;
}

const EXTENSIONS: Record<string, string> = { jpeg: "jpg", png: "png", gif: "gif", webp: "webp" };

/**
 * Downloads a shard's rows (each to its `target`), telling `onSettled` each one's outcome
 * (refused rows failed as they came): only the rows in flight are held. Rejects with the
 * signal's reason when aborted.
 */
export async function downloadShardRows(rows: AsyncIterable<PlacedRow>, options: DownloadShardRowsOptions): Promise<void> {
  const settle = options.onSettled;
  const downloader = createDownloader<PlacedRow>({
    storage: options.storage,
    concurrency: options.concurrency,
    skipExisting: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.createSha256 ? { createSha256: options.createSha256 } : {}),
    onEvent(event: DownloadEvent<PlacedRow>) {
      if (event.type === "done") {
        settle(event.meta!, {
          status: "stored",
          bytes: event.bytes,
          sha256: event.sha256,
          ext: EXTENSIONS[event.format] ?? event.format,
          ...(event.width !== undefined ? { width: event.width } : {}),
          ...(event.height !== undefined ? { height: event.height } : {}),
          attempts: event.attempts,
        });
      } else if (event.type === "failed" && event.reason !== "aborted") {
        settle(event.meta!, { status: "failed", reason: event.reason, detail: event.message, attempts: event.attempts });
      }
    },
  });
  async function* jobs() {
    for await (const placed of rows) {
      if (placed.row.failure || placed.target === undefined) {
        const failure = placed.row.failure ?? { reason: "refused", detail: "not fetched" };
        settle(placed, { status: "failed", ...failure, attempts: 0 });
      } else yield { url: placed.row.url, key: placed.target, meta: placed };
    }
  }
  await downloader.run(jobs(), options.signal ? { signal: options.signal } : {});
  options.signal?.throwIfAborted();
}
