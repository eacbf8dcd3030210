import { digestDataset, digestDifference, type DatasetDigest } from "./dataset-digest.js";
import { runMeasured } from "./measure.js";
import { parseSummary } from "./million-check.js";
import { CAT_HARVEST_CLI } from "./paths.js";
import type { QueueRunResult } from "./queue-run.js";
import { checkRowsAgainstCdn, type RowsTruth } from "./shard-rows-truth.js";

/** A one-process `cat-harvest download` of the list: what every queued run must equal. */
export interface Reference {
  seconds: number;
  shards: number;
  digest: DatasetDigest;
  truth: RowsTruth;
}

export interface ReferenceOptions {
  readonly format: string;
  readonly listPath: string;
  readonly out: string;
  readonly shardSize: number;
  readonly env: NodeJS.ProcessEnv;
  /** The bulk CDN's seed, from which each row's right sha256 follows. */
  readonly seed: number;
}

/**
 * Runs `download` without `--queue` (at concurrency 64: the outputs depend only on the rows and
 * the bytes served, not on how many downloads ran at once) and checks every stored row's sha256
 * against the CDN's.
 */
export async function referenceRun(o: ReferenceOptions): Promise<Reference> {
  const flags = ["--input", o.listPath, "--out", o.out, "--format", o.format, "--shard-size", String(o.shardSize), "--concurrency", "64"];
  const run = await runMeasured(process.execPath, [CAT_HARVEST_CLI, "download", ...flags, "--no-report", "--json"], { env: o.env, timeoutSec: 900 });
  const shards = (parseSummary(run.stdout) as { shards?: { count?: number } } | undefined)?.shards?.count;
  if (run.exitCode !== 0 || !shards) throw new Error(`the one-process download exited ${run.exitCode}: ${run.stderr.slice(-2000)}`);
  const truth = await checkRowsAgainstCdn(o.out, o.format, o.seed);
  if (truth.wrong > 0 || truth.stored !== truth.rows)
    throw new Error(`the one-process download stored ${truth.stored} of ${truth.rows} rows, ${truth.wrong} with a wrong sha256`);
  return { seconds: run.wallSec, shards, digest: await digestDataset(o.out), truth };
}

/** "24/24 shards, 1,010 files = one process", or every problem found: shards not done, a worker's exit, a file that differs. */
export function checkQueuedRun(run: QueueRunResult, ref: Reference, digest: DatasetDigest): string {
  const problems: string[] = [];
  const { done, running, waiting, failed } = run.status;
  if (done !== ref.shards || running + waiting + failed > 0) problems.push(`queue: ${done} done, ${running} running, ${waiting} waiting, ${failed} failed`);
  if (digest.shardStats !== ref.shards) problems.push(`${digest.shardStats} shard stats of ${ref.shards}`);
  if (run.workerExits.some((code) => code !== 0)) problems.push(`worker exits ${run.workerExits.join(",")}`);
  const difference = digestDifference(ref.digest.files, digest.files);
  if (difference) problems.push(difference);
  return problems.length > 0 ? `FAIL: ${problems.join("; ")}` : `${digest.shardStats}/${ref.shards} shards, ${digest.files.size} files = one process`;
}
