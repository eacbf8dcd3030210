import { collectBody, type StorageAdapter } from "@cat-harvest/storage";
import { DEFAULT_CONCURRENCY, type DownloadRunOptions } from "../download-run-options.js";
import type { HarvestSummary } from "../harvest.js";
import type { ListColumns } from "../list-columns.js";
import { isUrlListInput, type UrlListInput } from "../list-input.js";
import { createRunProgress, type RunCounters } from "../run-progress.js";
import { finishShards, type ShardedSummary } from "./finish-shards.js";
import { isShardFinished } from "./is-shard-finished.js";
import { listRows } from "./list-rows.js";
import { listColumns } from "../list-columns.js";
import { planList } from "./plan-list.js";
import { DEFAULT_SHARD_SIZE, SUMMARY_FILE } from "./shard-names.js";
import type { ShardFormat, ShardPlan } from "./shard-plan.js";
import { runShards } from "./run-shards.js";
import { claimShardPlan } from "./store-plan.js";
import { resumablePlan } from "./resumable-plan.js";

export interface DownloadShardsOptions extends DownloadRunOptions, ListColumns {
  /**
   * The list, read twice (the plan's pre-pass, then the run): a `UrlListInput` (which Parquet
   * needs, and which opens a new stream for each read), a function giving a new stream each
   * call, or a stream, read once and kept for the second read (so not for a large list).
   */
  readonly input: ReadableStream<Uint8Array> | UrlListInput | (() => ReadableStream<Uint8Array>);
  /** The list's file name: picks the format and names it in errors. */
  readonly inputName: string;
  readonly storage: StorageAdapter;
  /** @default "files" */
  readonly format?: ShardFormat;
  /** Rows per shard. @default 10_000 */
  readonly shardSize?: number;
  /** DEST as messages name it. @default storage.name */
  readonly location?: string;
  /**
   * Where `webdataset` bodies wait until their shard's tar is put (put, read back once,
   * deleted), e.g. a temporary folder on local disk when DEST is an S3 prefix. Nothing in it
   * outlives its shard; an interrupted shard's leftovers there are never read. @default storage
   */
  readonly spool?: StorageAdapter;
}

/** The two reads of the input. */
function inputOpener(input: DownloadShardsOptions["input"]): () => ReadableStream<Uint8Array> | UrlListInput {
  if (typeof input === "function") return input;
  if (isUrlListInput(input)) return () => input;
  const [first, second] = input.tee();
  const reads = [first, second];
  return () => reads.shift() ?? second;
}

/**
 * Downloads a URL list shard by shard (`planShards`, `shardRows`, `runShard`, `finishShards`):
 * memory flat in the list's length, the plan stored first (a re-run of another input, format or
 * shard size is refused), finished shards never touched again, and a run with nothing left to
 * do costs one stat per shard. Returns the run's summary; `status: "interrupted"` when the
 * signal stopped it (finished shards are kept, the shard under way is redone next time).
 */
export async function downloadShards(options: DownloadShardsOptions): Promise<HarvestSummary> {
  const startedAt = Date.now();
  const { storage, signal } = options;
  const open = inputOpener(options.input);
  const plan =
    (await resumedPlan(options, open)) ??
    (await claimShardPlan(
      storage,
      await planList({ ...options, input: open(), onRefused: (error: Error) => options.onLog?.(error.message) }),
      options.location,
    ));
  const { progress, report } = createRunProgress("download", plan.labels.length, options.onProgress, startedAt);
  progress.records = plan.rows;
  const done = await storedSummary(storage, plan);
  if (done) return harvestSummary(done, { stored: 0, bytes: 0 }, startedAt);
  let interrupted = false;
  let ran = { stored: 0, bytes: 0 };
  try {
    ran = await runAllShards(options, plan, open(), progress, report);
  } catch (error) {
    if (!signal?.aborted) throw error;
    interrupted = true;
  }
  if (interrupted) return interruptedSummary(plan, progress, startedAt);
  const summary = await finishShards({ storage, plan, spool: options.spool, ...(signal ? { signal } : {}) });
  progress.phase = "done";
  report();
  return harvestSummary(summary, ran, startedAt);
}

/** The stored plan of an unchanged re-run (`resumablePlan`); only for an input read again by opening it. */
async function resumedPlan(options: DownloadShardsOptions, open: () => ReadableStream<Uint8Array> | UrlListInput): Promise<ShardPlan | undefined> {
  if (!(typeof options.input === "function" || isUrlListInput(options.input))) return undefined;
  return resumablePlan({
    storage: options.storage,
    format: options.format ?? "files",
    shardSize: options.shardSize ?? DEFAULT_SHARD_SIZE,
    columns: listColumns(options),
    inputName: options.inputName,
    open,
  });
}

/** The stored summary of a run whose every shard is finished (one stat per shard), or `undefined`. */
async function storedSummary(storage: StorageAdapter, plan: ShardPlan): Promise<ShardedSummary | undefined> {
  const body = await storage.get(SUMMARY_FILE);
  if (!body) return undefined;
  let summary: ShardedSummary;
  try {
    summary = JSON.parse(new TextDecoder().decode(await collectBody(body, undefined, { maxBytes: 64 * 1024 * 1024 }))) as ShardedSummary;
  } catch {
    return undefined;
  }
  for (let shard = 0; shard < plan.shards; shard++) if (!(await isShardFinished(storage, plan, shard))) return undefined;
  return summary;
}

/** Every shard (`runShards`), counting into the progress. */
async function runAllShards(
  options: DownloadShardsOptions,
  plan: ShardPlan,
  input: ReadableStream<Uint8Array> | UrlListInput,
  progress: RunCounters,
  report: () => void,
) {
  // Rows arrive as "stored" before later copies within their shard are known: the shards'
  // stats give what this run stored.
  const ran = { stored: 0, bytes: 0 };
  await runShards({
    storage: options.storage,
    plan,
    rows: listRows(input, options.inputName, listColumns(options)),
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    signal: options.signal,
    fetch: options.fetch,
    createSha256: options.createSha256,
    spool: options.spool,
    onFinishedShard(stats) {
      progress.existing += stats.stored;
      report();
    },
    onOutcome(outcome) {
      if (outcome.status === "stored") {
        progress.stored++;
        progress.bytes += outcome.bytes;
      } else if (outcome.status === "failed") progress.failed++;
      report();
    },
    onShard(stats) {
      ran.stored += stats.stored;
      ran.bytes += stats.bytes;
      progress.stored -= stats.duplicates;
      progress.duplicates += stats.duplicates;
      report();
    },
  });
  progress.breedsDone = plan.labels.length;
  return ran;
}

/** The summary of a finished run; `ran` is what this run stored. */
function harvestSummary(summary: ShardedSummary, ran: { stored: number; bytes: number }, startedAt: number): HarvestSummary {
  const files = summary.stored - (summary.format === "files" ? summary.crossShardDuplicates : 0);
  const thisRun = Math.min(ran.stored, files);
  return {
    status: summary.failed > 0 ? "partial" : "complete",
    type: "list",
    breeds: summary.counts.length,
    records: summary.rows,
    files,
    stored: thisRun,
    existing: files - thisRun,
    failed: summary.failed,
    duplicates: summary.duplicates + summary.crossShardDuplicates,
    overCap: 0,
    bytes: ran.bytes,
    totalBytes: summary.bytes,
    counts: [...summary.counts],
    failureReasons: { ...summary.failureReasons },
    resume: { stored: files - thisRun, unlisted: 0, damaged: 0, rechecked: 0, unreadableLines: 0, unreadable: [], previousFailures: 0 },
    apiErrors: [],
    durationMs: Date.now() - startedAt,
    shards: { format: summary.format, count: summary.shards },
  };
}

function interruptedSummary(plan: ShardPlan, progress: RunCounters, startedAt: number): HarvestSummary {
  return {
    status: "interrupted",
    type: "list",
    breeds: plan.labels.length,
    records: plan.rows,
    files: progress.stored + progress.existing,
    stored: progress.stored,
    existing: progress.existing,
    failed: progress.failed,
    duplicates: progress.duplicates,
    overCap: 0,
    bytes: progress.bytes,
    totalBytes: progress.bytes,
    counts: [],
    failureReasons: {},
    resume: { stored: progress.existing, unlisted: 0, damaged: 0, rechecked: 0, unreadableLines: 0, unreadable: [], previousFailures: 0 },
    apiErrors: [],
    durationMs: Date.now() - startedAt,
    shards: { format: plan.format, count: plan.shards },
  };
}
