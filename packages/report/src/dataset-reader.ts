import type { BreedCount, FailureRow, MetadataRow, UnreadableLine } from "@cat-harvest/harvest";

/**
 * What the report reads from a data set, whatever its layout. `readFilesLayout` reads the
 * files layout (`<Breed_Folder>/<file>` beside metadata.jsonl), `readShardsLayout` the tar
 * shards of a webdataset (per-shard rows, photos inside the tars); `openDatasetReader` picks
 * the one a data set needs.
 */
export interface DatasetReader {
  /** The layout's name, for the card's `configs`: `files` or `webdataset`. */
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
  /**
   * The bytes of many stored photos at once, in any order; a photo not stored is left out. For
   * a layout where one photo costs a long read (a member of a tar shard), so each tar is read
   * once. When absent, `photo` is asked for each.
   */
  photos?(rows: readonly MetadataRow[]): AsyncIterable<{ readonly row: MetadataRow; readonly bytes: Uint8Array }>;
}
