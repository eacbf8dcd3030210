import type { ShardRowOrigin } from "./shard-row.js";

/** How one row of a shard ended. */
export type RowOutcome =
  | {
      readonly status: "stored";
      readonly bytes: number;
      readonly sha256: string;
      /** The extension of its real format: `jpg`, `png`, `gif`, `webp`. */
      readonly ext: string;
      readonly width?: number;
      readonly height?: number;
      readonly attempts: number;
    }
  | { readonly status: "failed"; readonly reason: string; readonly detail: string; readonly attempts: number }
  | { readonly status: "duplicate"; readonly bytes: number; readonly sha256: string; readonly duplicate_of: string; readonly attempts: number };

/** One line of a shard's `.jsonl`: a row and how it ended. */
export interface ShardRowLine {
  readonly key: string;
  readonly line: number;
  /** Without credentials. */
  readonly url: string;
  readonly label: string | null;
  /** The label's class index, when the list has labels. */
  readonly cls?: number;
  readonly status: RowOutcome["status"];
  /** The tar member (`webdataset`) or the path in DEST (`files`) holding it, for a stored row. */
  readonly file?: string;
  readonly bytes?: number;
  readonly sha256?: string;
  readonly width?: number;
  readonly height?: number;
  readonly reason?: string;
  readonly detail?: string;
  readonly duplicate_of?: string;
  readonly attempts: number;
  /** A source's photo: its place and record, as the row carried them. */
  readonly origin?: ShardRowOrigin;
}

/** What a finished shard did, stored as its `_stats.json` (written last). */
export interface ShardStats {
  readonly version: 1;
  readonly shard: number;
  readonly format: "files" | "webdataset";
  readonly rows: number;
  readonly stored: number;
  readonly failed: number;
  /** Later copies of content an earlier row of the shard holds. */
  readonly duplicates: number;
  /** Failed rows by reason. */
  readonly failureReasons: Readonly<Record<string, number>>;
  /** Bytes of the stored photos. */
  readonly bytes: number;
  readonly seconds: number;
}
