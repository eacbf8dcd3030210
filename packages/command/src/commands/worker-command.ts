import { readShardPlan, runShard, type ShardPlan } from "@cat-harvest/harvest";
import type { ShardJob, WorkerEvent } from "@cat-harvest/queue";
import type { StorageAdapter } from "@cat-harvest/storage";
import type { CommandIO } from "../command-io.js";
import { CommandUsageError } from "../errors.js";
import { EXIT_OK } from "../exit-codes.js";
import { loadQueue } from "../load-queue.js";
import { openLocalSpool } from "../local-spool.js";
import { openDestination, type OpenedDestination } from "../open-destination.js";
import type { ParsedCommand } from "../parse-command-line.js";
import { queueSettings } from "../queue-connection.js";

interface OpenRun {
  readonly opened: OpenedDestination;
  readonly storage: StorageAdapter;
  readonly plan: ShardPlan;
}

/**
 * `cat-harvest worker --queue URL`: runs queued shards until Ctrl-C or SIGTERM, which puts a
 * running shard back in the queue. Each job names its DEST; the worker opens it with its own
 * environment's credentials (AWS variables), which never travel through Redis. A webdataset
 * shard's downloads wait for its tar in a local folder of the worker's own (removed on exit).
 */
export async function workerCommand(parsed: Extract<ParsedCommand, { command: "worker" }>, io: CommandIO): Promise<number> {
  const queue = await loadQueue();
  const settings = queueSettings(queue, parsed, io.env);
  const runs = new Map<string, Promise<OpenRun>>();
  const spool = await openLocalSpool();
  const openRun = (out: string) => {
    let run = runs.get(out);
    if (!run) runs.set(out, (run = openSharedRun(out, io)));
    return run;
  };
  io.stderr(
    `worker on queue ${settings.queueName ?? queue.DEFAULT_QUEUE_NAME} at ${settings.description}: waiting for shards (Ctrl-C or SIGTERM stops it; a running shard goes back to the queue)`,
  );
  try {
    const summary = await queue.runWorker({
      connection: settings.connection,
      ...(settings.queueName ? { queueName: settings.queueName } : {}),
      concurrency: parsed.shards ?? 1,
      ...(parsed.stalledAfter ? { lockDurationMs: parsed.stalledAfter * 1000, stalledIntervalMs: (parsed.stalledAfter * 1000) / 2 } : {}),
      signal: io.signal,
      onEvent: (event) => io.stderr(describeWorkerEvent(event)),
      process: async (job: ShardJob, signal: AbortSignal) => {
        const { storage, plan } = await openRun(String(job.data.settings.out));
        const concurrency = parsed.concurrency ?? (typeof job.data.settings.concurrency === "number" ? job.data.settings.concurrency : undefined);
        const rows = queue.readShardInput(storage, job.data.inputKey);
        return runShard({ storage, plan, index: job.data.index, rows, spool: spool.storage, ...(concurrency ? { concurrency } : {}), signal });
      },
    });
    io.stdout(
      parsed.json
        ? JSON.stringify(summary)
        : `worker stopped: ${summary.completed} shards done, ${summary.failed} parked as failed, ${summary.requeued} put back in the queue`,
    );
    return EXIT_OK;
  } finally {
    await spool.remove();
    for (const run of runs.values()) {
      const opened = await run.catch(() => undefined);
      await opened?.storage.close().catch(() => {});
      await opened?.opened.close();
    }
  }
}

async function openSharedRun(out: string, io: CommandIO): Promise<OpenRun> {
  const opened = await openDestination(out, io.env);
  // A shared folder: other workers and the enqueue write into it now, so their temporary files are not leftovers to sweep.
  const storage = await opened.openStorage({ sweepTemporaryFiles: false });
  const plan = await readShardPlan(storage);
  if (!plan) {
    await storage.close();
    await opened.close();
    throw new CommandUsageError(
      "out",
      `${opened.description} holds no _plan.json: the run was not enqueued there, or this worker sees another storage than the enqueue command did`,
    );
  }
  return { opened, storage, plan };
}

function describeWorkerEvent(event: WorkerEvent): string {
  const shard = "index" in event ? `shard ${String(event.index).padStart(5, "0")}` : "";
  switch (event.type) {
    case "started":
      return `${shard} started (try ${event.attempt})`;
    case "completed":
      return `${shard} done`;
    case "failed":
      return `${shard} failed: ${event.reason}${event.willRetry ? " (will be tried again)" : " (parked: re-run the download command with --queue to queue it again)"}`;
    case "requeued":
      return `${shard} stopped and put back in the queue`;
    case "error":
      return `worker: ${event.message} (Redis away: it reconnects by itself; a lost lock: another worker runs that shard, with the same result)`;
  }
}
