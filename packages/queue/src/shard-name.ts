// The shard engine's shardName (issue 15) in @cat-harvest/harvest names the same thing; this
// copy keeps the queue free of the pipeline and must agree with it: 5 digits, more past 99,999.

/** A shard's name: its index zero-padded to 5 digits (`00000`), longer past 99,999. */
export function shardName(index: number): string {
  return String(index).padStart(5, "0");
}
