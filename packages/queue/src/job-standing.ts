import type { Job } from "bullmq";
import type { CommandQueue } from "./open-queue.js";

/** Where a job of a run stands for an enqueue: not there yet, parked as failed, done, or waiting or running. */
export type JobStanding = "missing" | "failed" | "done" | "pending";

/** The job with `jobId` and where it stands. */
export async function jobStanding(queue: CommandQueue, jobId: string): Promise<{ job: Job | undefined; standing: JobStanding }> {
  const job = (await queue.getJob(jobId)) as Job | undefined;
  const state = job ? await job.getState() : "missing";
  if (state === "completed") return { job, standing: "done" };
  if (state === "failed") return { job, standing: "failed" };
  if (state === "missing" || state === "unknown") return { job, standing: "missing" };
  return { job, standing: "pending" };
}

/** Queues a parked job again, its tries counted from zero. */
export async function requeueFailed(job: Job): Promise<void> {
  await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
}
