import { API_JOB_NAME, apiJobId, apiQueueName, type ApiJobData } from "./api-job-data.js";
import { checkJobSettings } from "./check-job-settings.js";
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS } from "./enqueue-shards.js";
import { jobStanding, requeueFailed } from "./job-standing.js";
import { openQueue } from "./open-queue.js";
import type { EnqueueRunOptions } from "./enqueue-options.js";
import { DEFAULT_QUEUE_NAME } from "./shard-job-data.js";

/** One API job to queue: a breed of a source. */
export type ApiJobSpec = Pick<ApiJobData, "source" | "apiRoot" | "type" | "breed" | "perBreed" | "size">;

/** What `enqueueApiJobs` takes: each source's jobs go to `apiQueueName(queueName, source)`. */
export interface EnqueueApiJobsOptions extends EnqueueRunOptions {
  /** Every breed of every source, in the harvest's order. */
  readonly jobs: readonly ApiJobSpec[];
}

/** What an enqueue of API jobs did. */
export interface ApiEnqueueSummary {
  readonly runId: string;
  /** The queue of each source's jobs. */
  readonly queues: Readonly<Record<string, string>>;
  readonly jobs: number;
  readonly added: number;
  readonly requeued: number;
  readonly done: number;
  readonly pending: number;
  /** Parked jobs left parked (`requeueFailed: false`). */
  readonly failed: number;
}

/**
 * Queues a harvest's API phase: one job per source and breed, on one queue per source. Job
 * data holds the run id, the source, its API root, type, breed, per-breed count and size, and
 * `settings`: all checked by `checkJobSettings` first (an API root with a user name, a password
 * or a key in its query is refused; nothing is stored then). Idempotent like `enqueueShards`:
 * done and queued jobs are left alone, parked ones are queued again with fresh tries.
 */
export async function enqueueApiJobs(options: EnqueueApiJobsOptions): Promise<ApiEnqueueSummary> {
  const settings = options.settings ?? {};
  const base = options.queueName ?? DEFAULT_QUEUE_NAME;
  for (const job of options.jobs) checkJobSettings({ apiRoot: job.apiRoot, type: job.type, breed: job.breed, size: job.size, ...settings }, options.secrets);
  const tally = { added: 0, requeued: 0, done: 0, pending: 0, failed: 0 };
  const queues: Record<string, string> = {};
  for (const source of [...new Set(options.jobs.map((j) => j.source))]) {
    queues[source] = apiQueueName(base, source);
    const queue = await openQueue(options.connection, queues[source]);
    try {
      let index = 0;
      for (const spec of options.jobs.filter((j) => j.source === source)) {
        options.signal?.throwIfAborted();
        const jobId = apiJobId(options.runId, source, index);
        const { job, standing } = await jobStanding(queue, jobId);
        const requeue = standing === "failed" && options.requeueFailed !== false;
        if (job && requeue) await requeueFailed(job);
        else if (standing === "missing") {
          const data: ApiJobData = { version: 1, kind: "api", runId: options.runId, index, ...spec, settings };
          const backoff = { type: "exponential", delay: options.backoffMs ?? DEFAULT_BACKOFF_MS };
          await queue.add(API_JOB_NAME, data, { jobId, attempts: options.attempts ?? DEFAULT_ATTEMPTS, backoff, removeOnComplete: false, removeOnFail: false });
        }
        tally[requeue ? "requeued" : standing === "missing" ? "added" : standing]++;
        index++;
      }
    } finally {
      await queue.close();
    }
  }
  return { runId: options.runId, queues, jobs: options.jobs.length, ...tally };
}
