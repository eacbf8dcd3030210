import {
  claimShardPlan,
  decideHarvestRows,
  finishShards,
  harvestShardPlan,
  shardRows,
  writeSourcesFile,
  type HarvestPlan,
  type ShardedSummary,
  type ShardPlan,
} from "@cat-harvest/harvest";
import type { ApiEnqueueSummary, ApiJobSpec, EnqueueSummary } from "@cat-harvest/queue";
import type { StorageAdapter } from "@cat-harvest/storage";
import type { CommandIO } from "../command-io.js";
import { madeBy } from "../describe-run.js";
import type { loadQueue } from "../load-queue.js";
import type { QueueSettings } from "../queue-connection.js";
import { reportAfterRun } from "../run-into-destination.js";
import { reportJson } from "../write-destination-report.js";
import type { HarvestQueueFlags } from "./harvest-queue.js";

/** A harvest run as jobs, as one run of the command sees it. */
export interface HarvestRun {
  readonly parsed: HarvestQueueFlags;
  readonly io: CommandIO;
  readonly queue: Awaited<ReturnType<typeof loadQueue>>;
  readonly settings: QueueSettings;
  readonly plan: HarvestPlan;
  readonly storage: StorageAdapter;
  /** DEST as every worker opens it (`sharedDestination`). */
  readonly out: string;
  /** DEST as given. */
  readonly dest: string;
  readonly description: string;
  readonly runId: string;
  readonly jobs: readonly ApiJobSpec[];
  /** Queue parked jobs again (the command's first step), or leave them parked (`--wait`'s later looks). */
  readonly requeueFailed: boolean;
  /** Print nothing unless the run finished (`--wait`'s later looks). */
  readonly quiet?: boolean;
}

/** Where the run stands after one step. */
export interface HarvestStep {
  /** Set once the data set is finished. */
  readonly finished?: ShardedSummary;
  /** Jobs parked as failed and left so. */
  readonly parked: number;
}

/** One step of the run: the API jobs, then (all done) the decision and the download shards, then (all done) the finishing. */
export async function advanceHarvest(run: HarvestRun): Promise<HarvestStep> {
  const api = await run.queue.enqueueApiJobs({
    connection: run.settings.connection,
    ...(run.settings.queueName ? { queueName: run.settings.queueName } : {}),
    runId: run.runId,
    jobs: run.jobs,
    settings: { out: run.out },
    secrets: run.settings.secrets,
    requeueFailed: run.requeueFailed,
    signal: run.io.signal,
  });
  if (api.done < api.jobs) {
    if (!run.quiet) say(run, { phase: "api", api }, describeApiPhase(run, api));
    return { parked: api.failed };
  }
  const { plan, summary } = await enqueueHarvestShards(run);
  if (summary.done < plan.shards) {
    if (!run.quiet) say(run, { phase: "download", api, shards: summary }, describeDownloadPhase(run, summary));
    return { parked: summary.failed };
  }
  const finished = await finishShards({ storage: run.storage, plan, signal: run.io.signal });
  await writeSourcesFile(
    run.storage,
    run.plan.sources.map((s) => s.source),
    new Set(run.plan.sources.map((s) => s.source.name)),
  );
  const report = run.parsed.noReport ? undefined : await reportAfterRun(run.dest, run.io, madeBy(run.parsed, run.dest, run.io.version), run.io.signal);
  say(run, { phase: "finished", api, shards: summary, finished, ...(report ? reportJson(report) : {}) }, describeFinished(run, finished));
  return { finished, parked: 0 };
}

/** The decision over the stored records, its plan claimed as DEST's `_plan.json`, and its shards queued. */
async function enqueueHarvestShards(run: HarvestRun): Promise<{ plan: ShardPlan; summary: EnqueueSummary }> {
  const { parsed, storage } = run;
  const decided = await decideHarvestRows({ storage, plan: run.plan, breeds: parsed.breeds, noColours: parsed.noColours, signal: run.io.signal });
  const names = run.plan.sources.map((s) => s.source.name);
  const plan = await claimShardPlan(storage, harvestShardPlan(decided.rows, names, parsed.shardSize), run.description);
  const summary = await run.queue.enqueueShards({
    connection: run.settings.connection,
    ...(run.settings.queueName ? { queueName: run.settings.queueName } : {}),
    runId: run.runId,
    storage,
    shards: shardRows(decided.rows, plan.shardSize),
    settings: { out: run.out, ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}) },
    secrets: run.settings.secrets,
    requeueFailed: run.requeueFailed,
    signal: run.io.signal,
  });
  return { plan, summary };
}

function say(run: HarvestRun, json: Record<string, unknown>, text: string): void {
  run.io.stdout(run.parsed.json ? JSON.stringify({ redis: run.settings.description, out: run.description, runId: run.runId, ...json }) : text);
}

function queueFlagsText(run: HarvestRun): string {
  const name = run.settings.queueName;
  return `--queue ${run.settings.description}${name ? ` --queue-name ${name}` : ""}`;
}

function describeApiPhase(run: HarvestRun, s: ApiEnqueueSummary): string {
  return [
    `API phase of ${run.description}: ${s.jobs} breed jobs on ${Object.values(s.queues).join(", ")} at ${run.settings.description}: ${s.added} queued, ${s.requeued} failed ones queued again, ${s.pending} waiting or running, ${s.done} done${s.failed ? `, ${s.failed} parked` : ""}`,
    `start workers with each source's key in their environment (${run.plan.sources.map((p) => p.source.name).join(", ")}): cat-harvest worker ${queueFlagsText(run)}`,
    `follow them with cat-harvest status ${queueFlagsText(run)}; when every breed is done, run this command again (or pass --wait) to queue the downloads`,
  ].join("\n");
}

function describeDownloadPhase(run: HarvestRun, s: EnqueueSummary): string {
  return [
    `every breed's records are in: ${s.rows} photos in ${s.shards} shards of ${run.description} on queue ${s.queue}: ${s.added} queued, ${s.requeued} failed ones queued again, ${s.pending} waiting or running, ${s.done} done${s.failed ? `, ${s.failed} parked` : ""}`,
    `when every shard is done (cat-harvest status ${queueFlagsText(run)}), run this command again (or pass --wait) to finish the data set`,
  ].join("\n");
}

function describeFinished(run: HarvestRun, finished: ShardedSummary): string {
  const failed = finished.failed > 0 ? ` (${finished.failed} photos failed: failures.jsonl says why)` : "";
  return `every job is done: ${run.description} is finished, ${finished.stored - finished.crossShardDuplicates} photos${failed}`;
}
