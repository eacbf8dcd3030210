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
}
