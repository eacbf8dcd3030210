import type { RedisConnection } from "./redis-connection.js";

/** How long a command (enqueue, status) keeps trying to reach Redis before it gives up, in reconnect attempts. */
const COMMAND_RECONNECTS = 20;

/**
 * BullMQ's `connection` for a long-lived worker: reconnects for ever (a Redis restart is
 * waited out, backing off to 5 s), and commands wait for the connection instead of failing.
 */
export function workerConnection(connection: RedisConnection): Record<string, unknown> {
  return { ...connection, maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: (times: number) => Math.min(times * 250, 5000) };
}

/** BullMQ's `connection` for a short command: gives up after about a minute without Redis. */
export function commandConnection(connection: RedisConnection): Record<string, unknown> {
  return {
    ...connection,
    maxRetriesPerRequest: COMMAND_RECONNECTS,
    retryStrategy: (times: number) => (times > COMMAND_RECONNECTS ? null : Math.min(times * 250, 5000)),
  };
}
