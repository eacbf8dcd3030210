import { fetchBreedRecords } from "@cat-harvest/harvest";
import type { ApiJobData, WorkerEvent, WorkerSummary } from "@cat-harvest/queue";
import type { CommandIO } from "./command-io.js";
import { stalledOptions } from "./stalled-options.js";
import { CommandUsageError } from "./errors.js";
import { openGatedSource, type GatedSource } from "./gated-source.js";
import { KEYED_SOURCES, type KeyedSourceSpec } from "./keyed-sources.js";
import type { loadQueue } from "./load-queue.js";
import type { ParsedCommand } from "./parse-command-line.js";
import type { QueueSettings } from "./queue-connection.js";
import type { SharedRuns } from "./shared-runs.js";

/** A source this worker can ask: its key from the worker's own environment, and the one API root it sends it to. */
export interface WorkerSource {
  readonly spec: KeyedSourceSpec;
  readonly key: string;
  /** `--api-url SOURCE=URL`, or the source's real API. */
  readonly apiRoot: string | undefined;
}

/** The keyed sources whose key is in this worker's environment. */
export function keyedSourcesOf(io: CommandIO, apiUrls: Readonly<Record<string, string>> | undefined): WorkerSource[] {
  return KEYED_SOURCES.flatMap((spec) => {
    const key = io.env[spec.env];
    return key ? [{ spec, key, apiRoot: apiUrls?.[spec.name] }] : [];
  });
}

export interface ApiWorkersOptions {
  readonly queue: Awaited<ReturnType<typeof loadQueue>>;
  readonly settings: QueueSettings;
  readonly parsed: Extract<ParsedCommand, { command: "worker" }>;
  readonly io: CommandIO;
  readonly runs: SharedRuns;
  readonly sources: readonly WorkerSource[];
  readonly onEvent: (event: WorkerEvent) => void;
}

/**
 * One worker per source on that source's API queue, a breed at a time, its job starts held to
 * the source's polite rate by BullMQ's limiter (kept in Redis, one for every worker) and each
 * request by the source's shared ceiling. One client per source for all its jobs, as one process asks.
 */
export function apiWorkers(options: ApiWorkersOptions): { running: Array<Promise<WorkerSummary>>; close(): Promise<void> } {
  const { queue, settings, runs, io } = options;
  const base = settings.queueName ?? queue.DEFAULT_QUEUE_NAME;
  const opened: Array<Promise<GatedSource>> = [];
  const running = options.sources.map(async (worker) => {
    const client = () =>
      runs.once(`source:${worker.spec.name}`, () => {
        const gated = openGatedSource(queue, settings, worker.spec, worker.key, worker.apiRoot);
        opened.push(gated);
        return gated;
      });
    return queue.runWorker<{ records: number; pages: number }, ApiJobData>({
      connection: settings.connection,
      queueName: queue.apiQueueName(base, worker.spec.name),
      readData: queue.readApiJobData,
      describe: (data) => queue.apiJobLabel(data.source, data.breed),
      limiter: queue.sourceRateLimit(await worker.spec.requestsPerSecond()),
      ...stalledOptions(options.parsed),
      signal: io.signal,
      onEvent: options.onEvent,
      process: async (job, signal) => {
        checkApiRoot(job.data, worker);
        const [{ source }, storage] = await Promise.all([client(), runs.storage(String(job.data.settings.out))]);
        return fetchBreedRecords({ storage, source, type: job.data.type, breed: job.data.breed, perBreed: job.data.perBreed, signal });
      },
    });
  });
  return {
    running,
    async close() {
      for (const gated of opened) await (await gated.catch(() => undefined))?.close();
    },
  };
}

/** A job's API root must be the one this worker sends its key to: a job in Redis cannot send it elsewhere. */
function checkApiRoot(data: ApiJobData, worker: WorkerSource): void {
  const trim = (url: string | null | undefined) => (url ? url.replace(/\/+$/, "") : null);
  if (trim(data.apiRoot) === trim(worker.apiRoot)) return;
  const theirs = data.apiRoot ?? `${worker.spec.title}'s real API`;
  throw new CommandUsageError(
    "api-url",
    `this job asks ${data.source} at ${theirs}, and this worker sends its key only to ${worker.apiRoot ?? `${worker.spec.title}'s real API`}; start the worker with --api-url ${data.source}=${data.apiRoot ?? "<its real API>"} if that API is yours`,
  );
}
