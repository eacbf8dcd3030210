import { WaitingError, type Job } from "bullmq";

/**
 * After a processor threw: when the worker is stopping, puts the job back in the queue
 * (not counted as a try) and throws BullMQ's `WaitingError`, which tells the worker the
 * job moved; otherwise returns, and the error fails this try.
 */
export async function stopOrCancel(job: Job, token: string | undefined, stop: AbortSignal, onRequeued: () => void): Promise<void> {
  if (!stop.aborted || token === undefined) return;
  await job.moveToWait(token);
  onRequeued();
  throw new WaitingError();
}
