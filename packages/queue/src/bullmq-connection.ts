import type { RedisConnection } from "./redis-connection.js";

/** How often a command (enqueue, status) tries to reach Redis again before it gives up: about 5 s in all. */
const COMMAND_RECONNECTS = 6;

/**
 * BullMQ's `connection` for a long-lived worker: reconnects for ever (a Redis restart is
 * waited out, backing off to 5 s), and commands wait for the connection instead of failing.
 */
export function workerConnection(connection: RedisConnection): Record<string, unknown> {
  return { ...connection, maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: (times: number) => Math.min(times * 250, 5000) };
}

/** BullMQ's `connection` for a short command: gives up after about 5 s without Redis. */
export function commandConnection(connection: RedisConnection): Record<string, unknown> {
  return {
    ...connection,
    maxRetriesPerRequest: COMMAND_RECONNECTS,
    retryStrategy: (times: number) => (times > COMMAND_RECONNECTS ? null : Math.min(times * 250, 2000)),
  };
}
