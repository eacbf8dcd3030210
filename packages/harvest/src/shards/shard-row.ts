/** One row of an input list, as the shard engine reads it. */
export interface ShardRow {
  readonly url: string;
  readonly label?: string;
  /** 1-based line of the input (a Parquet row number). */
  readonly line: number;
  /**
   * Set for a line refused while reading (over its length limit): it is not fetched, and its
   * row says `status: "failed"` with this reason. `url` is then the line's start.
   */
  readonly failure?: { readonly reason: string; readonly detail: string };
  /** Set for a source's photo (a harvest run as shards): where the harvest placed it and the record it came from. */
  readonly origin?: ShardRowOrigin;
}

/** Where a harvest's decision put a source's photo, and its record: what its metadata line says beyond the URL. */
export interface ShardRowOrigin {
  /** `<folder>/<name>`: the file's path in DEST. */
  readonly file: string;
  /** `breedFolderName(label)`: the folder whose copies are one photo. */
  readonly folder: string;
  readonly animal_id: number | null;
  readonly photo: number | null;
  readonly source: string;
  readonly source_id: number | string | null;
}
