import { QueueJobDataError } from "./errors.js";
import type { ShardJobSettings } from "./shard-job-data.js";

/**
 * All an API job of a harvest holds in Redis: which run, which source and breed, and how to
 * ask for it (API root, type, per-breed count, photo size). Never a key or token: each worker
 * asks with the credentials of its own environment.
 */
export interface ApiJobData {
  readonly version: 1;
  readonly kind: "api";
  /** The run the job belongs to (`runIdOf(dest)`). */
  readonly runId: string;
  /** The breed's position among its source's breeds. */
  readonly index: number;
  /** The source's name (`rescuegroups`, `thecatapi`...). */
  readonly source: string;
  /** The source's API root, without credentials; `null` for the source's own default. */
  readonly apiRoot: string | null;
  readonly type: string;
  /** The breed as the source names it. */
  readonly breed: string;
  readonly perBreed: number;
  readonly size: string;
  /** Credential-free settings every worker reads (`out`: the run's DEST). */
  readonly settings: ShardJobSettings;
}

/** The BullMQ job name of every API job. */
export const API_JOB_NAME = "api";

/**
 * The queue of one source's API jobs: one queue per source, so its limiter (kept in Redis) is
 * one ceiling for that source over every worker, and a worker without that source's key never takes its jobs.
 */
export function apiQueueName(queueName: string, source: string): string {
  return `${queueName}-api-${source}`;
}

/** The job id of a run's API job: one id per source and breed, so a re-run finds the job instead of adding another. */
export function apiJobId(runId: string, source: string, index: number): string {
  return `${runId}-api-${source}-${String(index).padStart(5, "0")}`;
}

/** An API job's name in events and status: "rescuegroups: Bengal". */
export function apiJobLabel(source: string, breed: string): string {
  return `${source}: ${breed}`;
}

/** Checks that a job's data is API job data of this version; throws `QueueJobDataError` otherwise. */
export function readApiJobData(jobId: string, data: unknown): ApiJobData {
  if (typeof data !== "object" || data === null) throw new QueueJobDataError(jobId, "holds no API job data");
  const d = data as Partial<ApiJobData>;
  if (d.version !== 1 || d.kind !== "api")
    throw new QueueJobDataError(jobId, `is not a version 1 API job (version ${JSON.stringify(d.version)}, kind ${JSON.stringify(d.kind)})`);
  const strings = [d.runId, d.source, d.type, d.breed, d.size];
  if (
    strings.some((s) => typeof s !== "string") ||
    !Number.isInteger(d.index) ||
    !Number.isInteger(d.perBreed) ||
    typeof d.settings !== "object" ||
    d.settings === null
  ) {
    throw new QueueJobDataError(jobId, "lacks runId, index, source, type, breed, perBreed, size or settings");
  }
  if (d.apiRoot !== null && typeof d.apiRoot !== "string") throw new QueueJobDataError(jobId, "has an apiRoot that is neither a URL nor null");
  return d as ApiJobData;
}
