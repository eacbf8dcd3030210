import type { QueueStatus } from "@cat-harvest/queue";
import type { CommandIO } from "../command-io.js";
import { EXIT_OK } from "../exit-codes.js";
import { formatDuration } from "../format-progress.js";
import { KEYED_SOURCES } from "../keyed-sources.js";
import { loadQueue } from "../load-queue.js";
import type { ParsedCommand } from "../parse-command-line.js";
import { queueSettings } from "../queue-connection.js";

/**
 * `cat-harvest status --queue URL`: a queue's shards, failures with reasons, rate and ETA, and
 * for a harvest run as jobs its API phase too: each source's breed jobs and the parked ones' reasons.
 */
export async function statusCommand(parsed: Extract<ParsedCommand, { command: "status" }>, io: CommandIO): Promise<number> {
  const queue = await loadQueue();
  const settings = queueSettings(queue, parsed, io.env);
  const base = settings.queueName ?? queue.DEFAULT_QUEUE_NAME;
  const status = await queue.queueStatus({ connection: settings.connection, ...(settings.queueName ? { queueName: settings.queueName } : {}) });
  const api: Record<string, QueueStatus> = {};
  for (const { name } of KEYED_SOURCES) {
    const sourceStatus = await queue.queueStatus({ connection: settings.connection, queueName: queue.apiQueueName(base, name) });
    if (Object.values(sourceStatus.shards).some((n) => n > 0)) api[name] = sourceStatus;
  }
  if (parsed.json) io.stdout(JSON.stringify({ redis: settings.description, ...status, api }));
  else io.stdout([...formatApiStatus(api), formatStatus(status, settings.description)].join("\n"));
  return EXIT_OK;
}

/** The status as lines for a person. */
export function formatStatus(status: QueueStatus, redis: string): string {
  const { done, running, waiting, failed } = status.shards;
  const lines = [
    `queue ${status.queue} on ${redis}`,
    `shards: ${done} done, ${running} running, ${waiting} waiting, ${failed} failed`,
    `rate: ${status.shardsPerMinute === undefined ? "not yet known (fewer than 2 shards done)" : `${status.shardsPerMinute.toFixed(1)} shards/min`}` +
      (status.etaSeconds === undefined ? "" : status.etaSeconds === 0 ? ", nothing left to run" : `, ETA ${formatDuration(status.etaSeconds)}`),
    `workers: ${status.workers ?? "unknown (this Redis does not list its clients)"}`,
  ];
  if (status.failed.length > 0) {
    lines.push(`failed shards (re-run the \`download ... --queue\` or \`harvest ... --queue\` command to queue them again):`);
    for (const f of status.failed) lines.push(`  shard ${String(f.index).padStart(5, "0")} of run ${f.runId} after ${f.attempts} tries: ${f.reason}`);
    if (failed > status.failed.length) lines.push(`  ... and ${failed - status.failed.length} more (--json lists the same ${status.failed.length})`);
  }
  return lines.join("\n");
}

/** A harvest's API phase, source by source: breeds done, running, waiting, parked (with reasons). */
function formatApiStatus(api: Readonly<Record<string, QueueStatus>>): string[] {
  const lines: string[] = [];
  for (const [source, status] of Object.entries(api)) {
    const { done, running, waiting, failed } = status.shards;
    lines.push(`API phase, ${source} (queue ${status.queue}): breeds ${done} done, ${running} running, ${waiting} waiting, ${failed} failed`);
    for (const f of status.failed)
      lines.push(`  ${f.label ?? `job ${f.index}`} parked after ${f.attempts} tries: ${f.reason} (re-run the harvest command to queue it again)`);
  }
  return lines;
}
