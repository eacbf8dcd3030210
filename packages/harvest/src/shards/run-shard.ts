import type { StorageAdapter } from "@cat-harvest/storage";
import type { CreateSha256 } from "../hash-stream.js";
import { createPhotoPlacer } from "../place-photo.js";
import { UNLABELLED } from "../unlabelled.js";
import { downloadShardRows, type PlacedRow } from "./download-shard-rows.js";
import { ShardLedger } from "./shard-ledger.js";
import { shardFiles } from "./shard-names.js";
import type { ShardPlan } from "./shard-plan.js";
import type { RowOutcome, ShardStats } from "./shard-result.js";
import type { ShardRow } from "./shard-row.js";
import { encodeJson, readShardStats } from "./shard-stats.js";
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
  const ledger = new ShardLedger(plan, index);
  const spoolFolder = `${files.spool}${attemptName()}/`;
  const spoolKey = (i: number) => `${spoolFolder}${ledger.key(i)}`;
  const bodies = plan.format === "webdataset" ? openBodySpool(spool, spoolFolder) : undefined;
  const targetOf = targetFor(plan, spoolKey);
  async function* place(): AsyncGenerator<PlacedRow> {
    for await (const row of options.rows) {
      const i = ledger.take(!row.failure);
      yield row.failure ? { row, index: i } : { row, index: i, target: targetOf(row, i) };
    }
  }
  await downloadShardRows(place(), {
    storage: bodies?.storage ?? storage,
    concurrency: options.concurrency ?? 64,
    signal: options.signal,
    fetch: options.fetch,
    createSha256: options.createSha256,
    onSettled(placed, outcome) {
      const file = outcome.status !== "stored" ? undefined : plan.format === "webdataset" ? `${ledger.key(placed.index)}.${outcome.ext}` : placed.target;
      ledger.settle(placed.index, placed.row, outcome, file);
      options.onOutcome?.(outcome);
    },
  }).catch(async (error: unknown) => {
    await bodies?.remove(spooledKeys(ledger, spoolKey));
    throw error;
  });
  const dropped = ledger.markDuplicates();
  if (plan.format === "files") {
    // Two URLs differing only in their credentials share a file: it is the holder's too.
    for (const [copy, holder] of dropped) if (copy !== holder) await storage.delete(copy);
  }
  // Another run of this shard finished while this one downloaded: its files are these bytes.
  const finishedMeanwhile = await readShardStats(storage, files.stats);
  if (finishedMeanwhile) {
    await bodies?.remove(spooledKeys(ledger, spoolKey));
    return finishedMeanwhile;
  }
  if (bodies)
    await writeShardTar(
      storage,
      files.tar,
      () => ledger.storedSamples(),
      spoolKey,
      (key) => bodies.read(key),
    );
  await putLines(storage, files.rows, ledger);
  await bodies?.remove(spooledKeys(ledger, spoolKey));
  const stats = ledger.stats(index, (Date.now() - startedAt) / 1000);
  await storage.put(files.stats, encodeJson(stats));
  return stats;
}

/** A name of this attempt's own, so two runs of one shard at once never share a spool body. */
function attemptName(): string {
  return crypto.randomUUID().slice(0, 8);
}

/** Puts the shard's row lines as one object (empty for none), encoded as the store reads it. */
async function putLines(storage: StorageAdapter, key: string, ledger: ShardLedger): Promise<void> {
  if (ledger.rows === 0) return storage.put(key, new Uint8Array());
  const { body, size } = ledger.linesBody();
  await storage.put(key, body, { size });
}

/** Where each row's body goes: the spool (`webdataset`) or its place in the folders (`files`). */
function targetFor(plan: ShardPlan, spoolKey: (i: number) => string): (row: ShardRow, i: number) => string {
  if (plan.format === "webdataset") return (_row, i) => spoolKey(i);
  const place = createPhotoPlacer();
  // A harvest's row comes placed by the harvest's own decision.
  return (row) => row.origin?.file ?? place({ url: row.url, breed: row.label ?? UNLABELLED, recordId: null, photo: null }).key;
}

/** The spool keys a shard's bodies may sit under (no listing needed to remove them). */
function* spooledKeys(ledger: ShardLedger, spoolKey: (i: number) => string): Iterable<string> {
  for (let i = 0; i < ledger.rows; i++) if (ledger.fetched(i)) yield spoolKey(i);
}
