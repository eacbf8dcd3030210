import { readShardPlan, runShard, type ShardPlan } from "@cat-harvest/harvest";
import type { ShardJob, WorkerEvent, WorkerSummary } from "@cat-harvest/queue";
import type { CommandIO } from "../command-io.js";
import { CommandUsageError } from "../errors.js";
import { EXIT_OK } from "../exit-codes.js";
import { loadQueue } from "../load-queue.js";
import { openLocalSpool } from "../local-spool.js";
import type { ParsedCommand } from "../parse-command-line.js";
import { queueSettings } from "../queue-connection.js";
import { apiWorkers, keyedSourcesOf } from "../api-worker.js";
import { sharedRuns, type SharedRuns } from "../shared-runs.js";
import { stalledOptions } from "../stalled-options.js";

type WorkerFlags = Extract<ParsedCommand, { command: "worker" }>;

/**
 * `cat-harvest worker --queue URL`: runs queued jobs until Ctrl-C or SIGTERM, which puts a
 * running job back in the queue: download shards (of `download --queue` and `harvest --queue`)
 * and, for each source whose key is in this worker's environment, that source's API jobs. Each
 * job names its DEST; the worker opens it with its own environment's credentials (AWS
 * variables, API keys), which never travel through Redis. A webdataset shard's downloads wait
 * for its tar in a local folder of the worker's own (removed on exit).
 */
export async function workerCommand(parsed: WorkerFlags, io: CommandIO): Promise<number> {
  const queue = await loadQueue();
  const settings = queueSettings(queue, parsed, io.env);
  const runs = sharedRuns(io);
  const spool = await openLocalSpool();
  const keyed = keyedSourcesOf(io, parsed.apiUrls);
  const say = (event: WorkerEvent) => io.stderr(describeWorkerEvent(event));
  const api = apiWorkers({ queue, settings, parsed, io, runs, sources: keyed, onEvent: say });
  const apiPart = keyed.length > 0 ? ` and the API jobs of ${keyed.map((k) => k.spec.name).join(", ")}` : " (no source key in the environment: no API jobs)";
  io.stderr(
    `worker on queue ${settings.queueName ?? queue.DEFAULT_QUEUE_NAME} at ${settings.description}: waiting for shards${apiPart} (Ctrl-C or SIGTERM stops it; a running job goes back to the queue)`,
  );
  try {
    const shards = queue.runWorker({
      connection: settings.connection,
      ...(settings.queueName ? { queueName: settings.queueName } : {}),
      concurrency: parsed.shards ?? 1,
      ...stalledOptions(parsed),
      signal: io.signal,
      onEvent: say,
      process: async (job: ShardJob, signal: AbortSignal) => {
        const out = String(job.data.settings.out);
        const [storage, plan] = await Promise.all([runs.storage(out), planOf(runs, out)]);
        const concurrency = parsed.concurrency ?? (typeof job.data.settings.concurrency === "number" ? job.data.settings.concurrency : undefined);
        const rows = queue.readShardInput(storage, job.data.inputKey);
        return runShard({ storage, plan, index: job.data.index, rows, spool: spool.storage, ...(concurrency ? { concurrency } : {}), signal });
      },
    });
    const [shardSummary, ...apiSummaries] = await Promise.all([shards, ...api.running]);
    const breeds = sum(apiSummaries);
    io.stdout(
      parsed.json
        ? JSON.stringify({ ...shardSummary!, api: breeds })
        : `worker stopped: ${shardSummary!.completed} shards done, ${shardSummary!.failed} parked as failed, ${shardSummary!.requeued} put back in the queue` +
            (keyed.length > 0 ? `; ${breeds.completed} breeds fetched, ${breeds.failed} parked, ${breeds.requeued} put back` : ""),
    );
    return EXIT_OK;
  } finally {
    await api.close();
    await spool.remove();
    await runs.close();
  }
}

/** The run's plan, read once per DEST: a shard job needs it. */
function planOf(runs: SharedRuns, out: string): Promise<ShardPlan> {
  return runs.once(`plan:${out}`, async () => {
    const plan = await readShardPlan(await runs.storage(out));
    if (!plan) {
      throw new CommandUsageError(
        "out",
        `${out} holds no _plan.json: the run was not enqueued there, or this worker sees another storage than the enqueue command did`,
      );
    }
    return plan;
  });
}

function sum(summaries: readonly WorkerSummary[]): WorkerSummary {
  return summaries.reduce((a, b) => ({ completed: a.completed + b.completed, failed: a.failed + b.failed, requeued: a.requeued + b.requeued }), {
    completed: 0,
    failed: 0,
    requeued: 0,
  });
}

function describeWorkerEvent(event: WorkerEvent): string {
  const what = "label" in event && event.label !== undefined ? event.label : "index" in event ? `shard ${String(event.index).padStart(5, "0")}` : "";
  switch (event.type) {
    case "started":
      return `${what} started (try ${event.attempt})`;
    case "completed":
      return `${what} done`;
    case "failed":
      return `${what} failed: ${event.reason}${event.willRetry ? " (will be tried again)" : " (parked: re-run the download or harvest command with --queue to queue it again)"}`;
    case "requeued":
      return `${what} stopped and put back in the queue`;
    case "error":
      return `worker: ${event.message} (Redis away: it reconnects by itself; a lost lock: another worker runs that job, with the same result)`;
  }
}
