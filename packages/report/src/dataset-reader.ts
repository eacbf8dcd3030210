import type { BreedCount, FailureRow, MetadataRow, UnreadableLine } from "@cat-harvest/harvest";

/**
 * What the report reads from a data set, whatever its layout. `readFilesLayout` reads the
 * files layout (`<Breed_Folder>/<file>` beside metadata.jsonl); a reader of tar shards
 * (webdataset: per-shard metadata, photos inside shards) implements the same interface, and
 * the report takes it unchanged.
 */
export interface DatasetReader {
  /** The layout's name, for the card's `configs` (`files`). */
  readonly layout: string;
  /** Every stored file's row; a line that cannot be read goes to `onUnreadable`. */
  rows(onUnreadable: (line: UnreadableLine) => void): AsyncIterable<MetadataRow>;
  /** Every photo not stored; a line that cannot be read goes to `onUnreadable`. */
  failures(onUnreadable: (line: UnreadableLine) => void): AsyncIterable<FailureRow>;
  /** The data set's breed table (breeds.csv), or `undefined` when it has none. */
  breedCounts(): Promise<BreedCount[] | undefined>;
  /** A top-level text file (SOURCES.md, an earlier card), or `undefined`. */
  text(key: string): Promise<string | undefined>;
  /** A stored photo's bytes, or `undefined` when it is not stored. */
  photo(row: MetadataRow): Promise<Uint8Array | undefined>;
}
