import { breedCountsToCsv } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";
import { BREEDS_FILE, FAILURES_FILE, METADATA_FILE, type BreedCount } from "../dataset-files.js";
import { HarvestDatasetError } from "../errors.js";
import { UNLABELLED } from "../unlabelled.js";
import { findCrossShardDuplicates, folderOf, type CrossShardDuplicates } from "./cross-shard-duplicates.js";
import { failureRowOf, metadataRowOf } from "./files-rows.js";
import { CLASSES_FILE, DUPLICATES_FILE, SUMMARY_FILE, shardFiles } from "./shard-names.js";
import type { ShardPlan } from "./shard-plan.js";
import type { ShardStats } from "./shard-result.js";
import { linesBody, shardLines, type NumberedLine } from "./shard-lines.js";
import { encodeJson, readShardStats } from "./shard-stats.js";
import { removeSpoolLeftovers } from "./remove-spool-leftovers.js";

export interface FinishShardsOptions {
  readonly storage: StorageAdapter;
  readonly plan: ShardPlan;
  readonly signal?: AbortSignal;
  /** The run's spool (`runShard`'s `spool`), whose leftovers of dead attempts are removed. @default storage */
  readonly spool?: StorageAdapter | undefined;
}

/** What a sharded run holds once finished, stored as `_summary.json`. */
export interface ShardedSummary {
  readonly format: ShardPlan["format"];
  readonly shards: number;
  readonly rows: number;
  /** Photos stored in the shards. */
  readonly stored: number;
  readonly failed: number;
  /** Later copies within a shard (not stored). */
  readonly duplicates: number;
  /** Later copies of content an earlier shard holds (listed in `_duplicates.jsonl`; removed from `files`). */
  readonly crossShardDuplicates: number;
  /** Rows dropped as repeats of an earlier URL. */
  readonly duplicateUrls: number;
  /** Bytes of the photos stored in the shards. */
  readonly bytes: number;
  readonly failureReasons: Readonly<Record<string, number>>;
  /** Photos per label (and folder, for `files`), repeats of other shards left out. */
  readonly counts: readonly BreedCount[];
  /** Seconds the shards took, added up. */
  readonly seconds: number;
}

/**
 * Ends a sharded run once every shard is finished: lists later copies of content an earlier
 * shard holds in `_duplicates.jsonl` (for `files`, also removing each copy), writes the class
 * list (`classes.txt`, `webdataset` with labels) or compacts the shards' rows into
 * metadata.jsonl, failures.jsonl and breeds.csv (`files`), each streamed, never held whole,
 * removes the spool bodies of attempts that died mid-shard, and writes `_summary.json` last. Running it again gives the same files.
 */
export async function finishShards(options: FinishShardsOptions): Promise<ShardedSummary> {
  const { storage, plan, signal } = options;
  const stats = await allShardStats(storage, plan);
  const duplicates = await findCrossShardDuplicates(storage, plan, signal);
  const counts = new Map<string, { breed: string; folder: string; images: number }>();
  await storage.put(DUPLICATES_FILE, linesBody(copyLines(shardLines(storage, plan, signal), duplicates, counts, copyRemover(storage, plan))), {
    contentType: "application/jsonl",
  });
  const sorted = [...counts.values()].sort((a, b) => b.images - a.images || a.breed.localeCompare(b.breed));
  if (plan.format === "files") await compactFiles(storage, plan, duplicates, sorted, signal);
  else if (plan.labels.length > 0) await storage.put(CLASSES_FILE, new TextEncoder().encode(plan.labels.map((l) => `${l}\n`).join("")));
  const summary = summarize(plan, stats, duplicates, sorted);
  await removeSpoolLeftovers(options.spool ?? storage);
  await storage.put(SUMMARY_FILE, encodeJson(summary));
  return summary;
}

async function allShardStats(storage: StorageAdapter, plan: ShardPlan): Promise<ShardStats[]> {
  const stats: ShardStats[] = [];
  for (let shard = 0; shard < plan.shards; shard++) {
    const key = shardFiles(plan.format, shard).stats;
    const found = await readShardStats(storage, key);
    if (!found) throw new HarvestDatasetError(key, `shard ${shard} is not finished; run it (runShard) before finishShards`);
    stats.push(found);
  }
  return stats;
}

/** For `files`: removes a later copy, unless it is the holder's own file. */
function copyRemover(storage: StorageAdapter, plan: ShardPlan): (copy: string, holder: string) => Promise<void> {
  if (plan.format !== "files") return async () => {};
  return async (copy, holder) => {
    if (copy !== holder) await storage.delete(copy);
  };
}

/** `_duplicates.jsonl`'s lines, counting the photos kept per label and folder on the way. */
async function* copyLines(
  lines: AsyncIterable<NumberedLine>,
  duplicates: CrossShardDuplicates,
  counts: Map<string, { breed: string; folder: string; images: number }>,
  remove: (copy: string, holder: string) => Promise<void>,
): AsyncGenerator<string> {
  let next = 0;
  for await (const { row, line } of lines) {
    if (line.status !== "stored") continue;
    if (duplicates.copies[next] === row) {
      const holder = duplicates.names.get(duplicates.holders[next]!)!;
      next++;
      await remove(line.file!, holder);
      yield JSON.stringify({ key: line.key, url: line.url, file: line.file, sha256: line.sha256, duplicate_of: holder });
      continue;
    }
    const breed = line.label ?? UNLABELLED;
    const folder = folderOf(line.file!);
    const id = `${breed}\u0000${folder}`;
    const entry = counts.get(id);
    if (entry) entry.images++;
    else counts.set(id, { breed, folder: line.file!.includes("/") ? folder : "", images: 1 });
  }
}

/** For `files`: metadata.jsonl and failures.jsonl from the shards' rows, and breeds.csv. */
async function compactFiles(storage: StorageAdapter, plan: ShardPlan, duplicates: CrossShardDuplicates, counts: BreedCount[], signal?: AbortSignal) {
  const isCopy = copyCursor(duplicates);
  async function* metadata() {
    for await (const { row, line } of shardLines(storage, plan, signal)) {
      if (line.status === "stored" && isCopy(row) === undefined) yield JSON.stringify(metadataRowOf(line));
    }
  }
  const copyOf = copyCursor(duplicates);
  async function* failures() {
    for await (const { row, line } of shardLines(storage, plan, signal)) {
      if (line.status !== "stored") yield JSON.stringify(failureRowOf(line));
      else {
        const holder = copyOf(row);
        if (holder !== undefined) yield JSON.stringify(failureRowOf(line, holder));
      }
    }
  }
  await storage.put(METADATA_FILE, linesBody(metadata()), { contentType: "application/jsonl" });
  await storage.put(FAILURES_FILE, linesBody(failures()), { contentType: "application/jsonl" });
  const csv = new TextEncoder().encode(breedCountsToCsv(counts));
  await storage.put(BREEDS_FILE, csv, { size: csv.byteLength, contentType: "text/csv" });
}

/** Asked rows in ascending order: the holder's name when the row is a later copy. */
function copyCursor(duplicates: CrossShardDuplicates): (row: number) => string | undefined {
  let next = 0;
  return (row) => {
    while (next < duplicates.copies.length && duplicates.copies[next]! < row) next++;
    return duplicates.copies[next] === row ? duplicates.names.get(duplicates.holders[next]!) : undefined;
  };
}

function summarize(plan: ShardPlan, stats: readonly ShardStats[], duplicates: CrossShardDuplicates, counts: readonly BreedCount[]): ShardedSummary {
  const failureReasons: Record<string, number> = {};
  let stored = 0;
  let failed = 0;
  let inShard = 0;
  let bytes = 0;
  let seconds = 0;
  for (const s of stats) {
    stored += s.stored;
    failed += s.failed;
    inShard += s.duplicates;
    bytes += s.bytes;
    seconds += s.seconds;
    for (const [reason, n] of Object.entries(s.failureReasons)) failureReasons[reason] = (failureReasons[reason] ?? 0) + n;
  }
  return {
    format: plan.format,
    shards: plan.shards,
    rows: plan.rows,
    stored,
    failed,
    duplicates: inShard,
    crossShardDuplicates: duplicates.copies.length,
    duplicateUrls: plan.duplicateUrls,
    bytes,
    failureReasons,
    counts,
    seconds,
  };
}
