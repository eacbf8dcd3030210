/** Default rows per shard. */
export const DEFAULT_SHARD_SIZE = 10_000;
/** The run's plan, at the top of DEST. */
export const PLAN_FILE = "_plan.json";
/** Later copies of content an earlier shard holds, written by `finishShards`. */
export const DUPLICATES_FILE = "_duplicates.jsonl";
/** What `finishShards` found, written last: its presence means the run is finished. */
export const SUMMARY_FILE = "_summary.json";
/** Where the `files` format keeps its per-shard rows and stats. */
export const SHARD_PARTS_PREFIX = "_shards/";
/** Where downloads wait until their shard's tar is assembled. */
export const SPOOL_PREFIX = "_spool/";
/** The class list of a `webdataset` with labels: one label a line, line n (0-based) is class n. */
export const CLASSES_FILE = "classes.txt";

/** `00000`, `00001`, ..., 6+ digits past 99,999. */
export function shardName(index: number): string {
  return String(index).padStart(5, "0");
}

/** Digits of a sample's index within its shard: those of `shardSize - 1`. */
function indexDigits(shardSize: number): number {
  return String(Math.max(shardSize - 1, 0)).length;
}

/** A dot-free sample key: `shardName(shard)` + the index within the shard, zero-padded. */
export function sampleKey(shardSize: number, row: number): string {
  const shard = Math.floor(row / shardSize);
  return shardName(shard) + String(row - shard * shardSize).padStart(indexDigits(shardSize), "0");
}

/** The keys of shard `index`'s files, by format. */
export function shardFiles(format: "files" | "webdataset", index: number) {
  const name = shardName(index);
  const base = format === "webdataset" ? name : `${SHARD_PARTS_PREFIX}${name}`;
  return { tar: `${name}.tar`, rows: `${base}.jsonl`, stats: `${base}_stats.json`, spool: `${SPOOL_PREFIX}${name}/` };
}
