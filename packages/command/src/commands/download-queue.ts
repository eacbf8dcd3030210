import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { parseUrlList } from "@cat-harvest/harvest";
import type { EnqueueSummary } from "@cat-harvest/queue";
import type { CommandIO } from "../command-io.js";
import { EXIT_OK } from "../exit-codes.js";
import { inFlagLanguage } from "../flag-language.js";
import { loadQueue } from "../load-queue.js";
import { openDestination } from "../open-destination.js";
import type { ParsedCommand, QueueFlags } from "../parse-command-line.js";
import { queueSettings } from "../queue-connection.js";
import { storeRunPlan } from "../run-plan.js";
import { loadShardEngine, type RunPlan } from "../shard-engine.js";
import { sharedDestination } from "../shared-destination.js";

/** The shard design's default rows per shard. */
const DEFAULT_SHARD_SIZE = 10_000;

type DownloadFlags = Extract<ParsedCommand, { command: "download" }> & QueueFlags;

/**
 * `cat-harvest download --input FILE --out DEST --queue URL`: plans the run (`DEST/_plan.json`),
 * splits the list into shard jobs on Redis for `cat-harvest worker` to run, and, once every
 * shard is done, finishes the data set. Re-running it resumes: parked shards are queued again,
 * and when all are done it does the finishing step.
 */
export async function downloadToQueue(parsed: DownloadFlags, io: CommandIO): Promise<number> {
  const out = sharedDestination(parsed.out);
  const [queue, engine] = await Promise.all([loadQueue(), loadShardEngine()]);
  const settings = queueSettings(queue, parsed, io.env);
  // Flags of the shard engine's issue, read when this build has them.
  const extra = parsed as { format?: RunPlan["format"]; shardSize?: number };
  const list = () => parseUrlList(Readable.toWeb(createReadStream(parsed.input)) as ReadableStream<Uint8Array>, parsed.input);
  const opened = await openDestination(parsed.out, io.env);
  const storage = await opened.openStorage();
  try {
    const plan = await engine.planShards({
      rows: list(),
      format: extra.format ?? "files",
      shardSize: extra.shardSize ?? DEFAULT_SHARD_SIZE,
      signal: io.signal,
    });
    await storeRunPlan(storage, plan);
    const summary = await queue.enqueueShards({
      connection: settings.connection,
      ...(settings.queueName ? { queueName: settings.queueName } : {}),
      runId: await queue.runIdOf(out),
      storage,
      shards: engine.shardRows(list(), plan.shardSize),
      settings: { out, ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}) },
      secrets: settings.secrets,
      signal: io.signal,
    });
    const finished = summary.done === summary.shards ? await engine.finishShards({ storage, plan, signal: io.signal }) : undefined;
    if (parsed.json) io.stdout(JSON.stringify({ redis: settings.description, out: opened.description, ...summary, ...(finished ? { finished } : {}) }));
    else io.stdout(describeEnqueue(summary, settings.description, opened.description, finished !== undefined));
    return EXIT_OK;
  } catch (error) {
    throw inFlagLanguage(error);
  } finally {
    await storage.close();
    await opened.close();
  }
}

function describeEnqueue(s: EnqueueSummary, redis: string, dest: string, finished: boolean): string {
  const lines = [
    `${s.shards} shards (${s.rows} rows) of ${dest} on queue ${s.queue} at ${redis}: ${s.added} queued, ${s.requeued} failed ones queued again, ${s.pending} waiting or running, ${s.done} done`,
  ];
  if (finished) lines.push(`every shard is done: ${dest} is finished`);
  else {
    lines.push(
      `start workers on any machines with DEST's storage: cat-harvest worker --queue ${redis}${s.queue === "cat-harvest" ? "" : ` --queue-name ${s.queue}`}`,
    );
    lines.push(`follow them with cat-harvest status --queue ${redis}; when every shard is done, run this command again to finish the data set`);
  }
  return lines.join("\n");
}
