import { apiQueueName } from "./api-job-data.js";
import type { RedisConnection } from "./redis-connection.js";
import type { SharedRateLimit } from "./run-worker.js";
import { openRequestGate, type RequestGate } from "./shared-request-gate.js";

/** A source's polite rate as a ceiling over every worker: `requestsPerSecond` (1, 4, 0.5...) as whole requests per window. */
export function sourceRateLimit(requestsPerSecond: number): SharedRateLimit {
  if (!(requestsPerSecond > 0 && Number.isFinite(requestsPerSecond)))
    throw new RangeError(`sourceRateLimit: requestsPerSecond must be a finite number above 0, got ${requestsPerSecond}`);
  return requestsPerSecond >= 1 ? { max: Math.floor(requestsPerSecond), durationMs: 1000 } : { max: 1, durationMs: Math.ceil(1000 / requestsPerSecond) };
}

/** Where a source's request ceiling lives in Redis, beside its API queue. */
export function sourceGateKey(queueName: string, source: string): string {
  return `cat-harvest:requests:${apiQueueName(queueName, source)}`;
}

/**
 * The request ceiling of one source shared by every worker of a run's queue (and its enqueue):
 * each request any of them makes to that source takes the next slot of `sourceRateLimit(requestsPerSecond)`.
 */
export function openSourceGate(connection: RedisConnection, queueName: string, source: string, requestsPerSecond: number): RequestGate {
  return openRequestGate(connection, sourceGateKey(queueName, source), sourceRateLimit(requestsPerSecond));
}
