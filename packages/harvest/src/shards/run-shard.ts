import type { StorageAdapter } from "@cat-harvest/storage";
import type { CreateSha256 } from "../hash-stream.js";
import { createPhotoPlacer } from "../place-photo.js";
import { UNLABELLED } from "../unlabelled.js";
import { encodeLines } from "../encode-lines.js";
import { downloadShardRows, type PlacedRow } from "./download-shard-rows.js";
import { markDuplicates } from "./mark-duplicates.js";
import { sampleKey, shardFiles } from "./shard-names.js";
import type { ShardPlan } from "./shard-plan.js";
import type { RowOutcome, ShardStats } from "./shard-result.js";
import type { ShardRow } from "./shard-row.js";
import { shardRowLine } from "./shard-row-line.js";
import { countShard, encodeJson, readShardStats } from "./shard-stats.js";
import { writeShardTar } from "./write-shard-tar.js";
import { openBodySpool } from "./body-spool.js";

export interface RunShardOptions {
  readonly storage: StorageAdapter;
  readonly plan: ShardPlan;
  readonly index: number;
  /** The shard's rows, in order (`shardRows`). */
  readonly rows: AsyncIterable<ShardRow> | Iterable<ShardRow>;
  /** Downloads at once. @default 64 */
  readonly concurrency?: number;
  /** Stops the shard: it is left unfinished (to be redone) and the promise rejects with the reason. */
  readonly signal?: AbortSignal;
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Where a `webdataset` shard's bodies wait for its tar (under `_spool/<shard>/<attempt>/`): a
   * local folder spares an S3 DEST a PUT, a GET and a DELETE per photo. @default storage
   */
  readonly spool?: StorageAdapter;
  readonly createSha256?: CreateSha256;
  /** After each row's outcome (`stored`, `failed`, `duplicate`) in this shard. */
  readonly onOutcome?: (outcome: RowOutcome) => void;
}

/**
 * Downloads and stores one shard, from scratch, and writes its stats last; a finished shard
 * (its `_stats.json` present) is not touched and its stored stats come back. Outputs depend
 * only on the rows and the bytes the servers sent:
 * - `webdataset`: bodies go to this attempt's own spool, `_spool/<shard>/<attempt>/`, then
 *   `<shard>.tar` is put in one go (members in row order: `<key>.<ext>`, `<key>.json`, `<key>.cls`
 *   with labels), `<shard>.jsonl` (every row), the spool is removed, and `<shard>_stats.json` is put;
 * - `files`: photos go to `<label folder>/<urlFileName>`, the rows to `_shards/<shard>.jsonl`, and
 *   `_shards/<shard>_stats.json` last.
 * A later row with the content of an earlier one (in the same folder, for `files`) is not kept:
 * its row says `duplicate`.
 *
 * Two runs of one shard at once (a queue worker thought dead while it was only slow) are safe:
 * each spools into its own folder, every put is whole, and both write the same bytes; the one
 * that finds the shard finished once its downloads are done stops there with the stored stats.
 */
export async function runShard(options: RunShardOptions): Promise<ShardStats> {
  const { storage, plan, index } = options;
  const spool = plan.format === "webdataset" ? (options.spool ?? storage) : storage;
  const files = shardFiles(plan.format, index);
  const finished = await readShardStats(storage, files.stats);
  if (finished) return finished;
  const startedAt = Date.now();
  const placed: PlacedRow[] = [];
  const folders: string[] = [];
  const spoolFolder = `${files.spool}${attemptName()}/`;
  const bodies = plan.format === "webdataset" ? openBodySpool(spool, spoolFolder) : undefined;
  const targetOf = targetFor(plan, index, spoolFolder, folders);
  async function* place() {
    let i = 0;
    for await (const row of options.rows) {
      const one: PlacedRow = row.failure ? { row, index: i } : { row, index: i, target: targetOf(row, i) };
      placed.push(one);
      i++;
      yield one;
    }
  }
  const outcomes = await downloadShardRows(place(), {
    storage: bodies?.storage ?? storage,
    concurrency: options.concurrency ?? 64,
    signal: options.signal,
    fetch: options.fetch,
    createSha256: options.createSha256,
    onOutcome: options.onOutcome,
  }).catch(async (error: unknown) => {
    await bodies?.remove(targets(placed));
    throw error;
  });
  const keyOf = (i: number) => sampleKey(plan.shardSize, index * plan.shardSize + i);
  const memberOf = (i: number) => (plan.format === "webdataset" ? `${keyOf(i)}.${(outcomes[i] as { ext?: string }).ext}` : placed[i]!.target!);
  const dropped = markDuplicates(outcomes, (i) => (plan.format === "files" ? folders[i]! : ""), memberOf);
  const lines = placed.map((p, i) => shardRowLine(keyOf(i), p.row, outcomes[i]!, plan.labels, outcomes[i]!.status === "stored" ? memberOf(i) : undefined));
  if (plan.format === "files") {
    // Two URLs differing only in their credentials share a file: it is the holder's too.
    for (const [copy, holder] of dropped) if (placed[copy]!.target !== placed[holder]!.target) await storage.delete(placed[copy]!.target!);
  }
  // Another run of this shard finished while this one downloaded: its files are these bytes.
  const finishedMeanwhile = await readShardStats(storage, files.stats);
  if (finishedMeanwhile) {
    await bodies?.remove(targets(placed));
    return finishedMeanwhile;
  }
  if (bodies) await writeShardTar(storage, files.tar, lines, placed, (key) => bodies.read(key));
  await putLines(storage, files.rows, lines);
  await bodies?.remove(targets(placed));
  const stats = countShard(index, plan.format, outcomes, (Date.now() - startedAt) / 1000);
  await storage.put(files.stats, encodeJson(stats));
  return stats;
}

/** A name of this attempt's own, so two runs of one shard at once never share a spool body. */
function attemptName(): string {
  return crypto.randomUUID().slice(0, 8);
}

/** Puts JSON lines as one object (empty for none). */
async function putLines(storage: StorageAdapter, key: string, lines: readonly unknown[]): Promise<void> {
  if (lines.length === 0) return storage.put(key, new Uint8Array());
  const { body, size } = encodeLines(lines.map((line) => JSON.stringify(line)));
  await storage.put(key, body, { size });
}

/** Where each row's body goes: the spool (`webdataset`) or its place in the folders (`files`). */
function targetFor(plan: ShardPlan, index: number, spool: string, folders: string[]): (row: ShardRow, i: number) => string {
  if (plan.format === "webdataset") return (_row, i) => `${spool}${sampleKey(plan.shardSize, index * plan.shardSize + i)}`;
  const place = createPhotoPlacer();
  return (row, i) => {
    // A harvest's row comes placed by the harvest's own decision.
    if (row.origin) {
      folders[i] = row.origin.folder;
      return row.origin.file;
    }
    const where = place({ url: row.url, breed: row.label ?? UNLABELLED, recordId: null, photo: null });
    folders[i] = where.folder;
    return where.key;
  };
}

/** The spool keys of a shard's bodies (no listing needed to remove them). */
function* targets(placed: readonly PlacedRow[]): Iterable<string> {
  for (const p of placed) if (p.target !== undefined) yield p.target;
}
