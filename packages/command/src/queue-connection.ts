import type { RedisConnection } from "@cat-harvest/queue";
import type { Env } from "./command-io.js";
import { CommandUsageError } from "./errors.js";
import type { loadQueue } from "./load-queue.js";
import type { QueueFlags } from "./parse-command-line.js";

/** The variable that holds the Redis password when `--queue` has none (a flag would show it in `ps`). */
export const REDIS_PASSWORD_ENV = "CAT_HARVEST_REDIS_PASSWORD";

// Variables whose values are credentials by their name: none of them may reach Redis.
const SECRET_ENV = /SECRET|PASSWORD|TOKEN|API_KEY|ACCESS_KEY|CLIENT_ID|CREDENTIAL/i;

/** What a queue command connects with, and how it names Redis in messages (no credentials). */
export interface QueueSettings {
  readonly connection: RedisConnection;
  readonly description: string;
  readonly queueName: string | undefined;
  /** The credentials this process holds (from its environment, the Redis password included), which job data must never contain. */
  readonly secrets: readonly string[];
}

/** Reads `--queue` (its password, or `CAT_HARVEST_REDIS_PASSWORD`) into a connection; a bad URL is a usage error that does not quote it. */
export function queueSettings(queue: Awaited<ReturnType<typeof loadQueue>>, flags: QueueFlags, env: Env): QueueSettings {
  const password = env[REDIS_PASSWORD_ENV];
  let connection: RedisConnection;
  try {
    connection = queue.redisConnection(flags.queue, password ? { password } : {});
  } catch (error) {
    if (!queue.QueueConnectionError.isInstance(error)) throw error;
    throw new CommandUsageError("queue", `--queue: ${error.message}`, { cause: error });
  }
  const secrets = Object.entries(env).flatMap(([name, value]) => (value && SECRET_ENV.test(name) ? [value] : []));
  return {
    connection,
    description: queue.describeRedis(connection),
    queueName: flags.queueName,
    secrets: connection.password ? [...secrets, connection.password] : secrets,
  };
}
