import { claimShardPlan, finishShards, listColumns, listRows, planList, shardRows, type ShardedSummary, type ShardPlan } from "@cat-harvest/harvest";
import type { EnqueueSummary } from "@cat-harvest/queue";
import type { CommandIO } from "../command-io.js";
import { EXIT_OK, EXIT_PARTIAL } from "../exit-codes.js";
import { inFlagLanguage } from "../flag-language.js";
import { loadQueue } from "../load-queue.js";
import { openList, type OpenedList } from "../open-list.js";
import type { ParsedCommand, QueueFlags } from "../parse-command-line.js";
import { printable } from "../printable.js";
import { queueSettings } from "../queue-connection.js";
import { madeBy } from "../describe-run.js";
import { reportAfterRun } from "../run-into-destination.js";
import { reportJson } from "../write-destination-report.js";
import { sharedDestination } from "../shared-destination.js";
import { withSharedStorage } from "../shared-storage.js";

type DownloadFlags = Extract<ParsedCommand, { command: "download" }> & QueueFlags;

/**
 * `cat-harvest download --input LIST --out DEST --queue URL`: plans the run as one process does
 * (`planList`: the same rows, URL de-duplication and shards; `DEST/_plan.json` claimed, so a
 * re-run of another list, format or shard size is refused), writes each shard's rows to
 * `DEST/_inputs/` and queues one job per shard on Redis for `cat-harvest worker` to run with
 * the engine's `runShard`. Re-running it resumes: parked shards are queued again, and once every
 * shard is done it runs the engine's finishing step (`finishShards`).
 */
export async function downloadToQueue(parsed: DownloadFlags, io: CommandIO): Promise<number> {
  const out = sharedDestination(parsed.out);
  const queue = await loadQueue();
  const settings = queueSettings(queue, parsed, io.env);
  const input = await openList(parsed.input, io.env);
  try {
    return await withSharedStorage(parsed.out, io.env, async (storage, opened) => {
      const plan = await claimShardPlan(storage, await planOf(parsed, input, io), opened.description);
      const summary = await queue.enqueueShards({
        connection: settings.connection,
        ...(settings.queueName ? { queueName: settings.queueName } : {}),
        runId: await queue.runIdOf(out),
        storage,
        shards: shardRows(listRows(input, parsed.input, listColumns(parsed)), plan.shardSize),
        settings: { out, ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}) },
        secrets: settings.secrets,
        signal: io.signal,
      });
      const finished = summary.done === plan.shards ? await finishShards({ storage, plan, signal: io.signal }) : undefined;
      // As one process: the finished data set gets its report and card, unless --no-report.
      const report = finished && !parsed.noReport ? await reportAfterRun(parsed.out, io, madeBy(parsed, parsed.out, io.version), io.signal) : undefined;
      if (parsed.json)
        io.stdout(
          JSON.stringify({
            redis: settings.description,
            out: opened.description,
            ...summary,
            ...(finished ? { finished } : {}),
            ...(report ? reportJson(report) : {}),
          }),
        );
      else io.stdout(describeEnqueue(summary, settings.description, opened.description, finished));
      // As one process: a finished run with failed rows is partial.
      return finished && finished.failed > 0 ? EXIT_PARTIAL : EXIT_OK;
    });
  } catch (error) {
    throw inFlagLanguage(error);
  } finally {
    await input.close?.();
  }
}

/** The run's plan, read from the list as `download` without `--queue` reads it. */
function planOf(parsed: DownloadFlags, input: OpenedList, io: CommandIO): Promise<ShardPlan> {
  return planList({
    input,
    inputName: parsed.input,
    ...listColumns(parsed),
    format: parsed.format,
    ...(parsed.shardSize !== undefined ? { shardSize: parsed.shardSize } : {}),
    signal: io.signal,
    onRefused: (error) => io.stderr(printable(error.message)),
  });
}

function describeEnqueue(s: EnqueueSummary, redis: string, dest: string, finished: ShardedSummary | undefined): string {
  const lines = [
    `${s.shards} shards (${s.rows} rows) of ${dest} on queue ${s.queue} at ${redis}: ${s.added} queued, ${s.requeued} failed ones queued again, ${s.pending} waiting or running, ${s.done} done`,
  ];
  if (finished) {
    const failed = finished.failed > 0 ? ` (${finished.failed} rows failed: their reasons are in the shards' rows)` : "";
    lines.push(
      `every shard is done: ${dest} is finished, ${finished.stored - (finished.format === "files" ? finished.crossShardDuplicates : 0)} photos${failed}`,
    );
  } else {
    lines.push(
      `start workers on any machines with DEST's storage: cat-harvest worker --queue ${redis}${s.queue === "cat-harvest" ? "" : ` --queue-name ${s.queue}`}`,
    );
    lines.push(`follow them with cat-harvest status --queue ${redis}; when every shard is done, run this command again to finish the data set`);
  }
  return lines.join("\n");
}
