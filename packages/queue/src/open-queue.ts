import { Queue } from "bullmq";
import { commandConnection } from "./bullmq-connection.js";
import { QueueConnectionError } from "./errors.js";
import { describeRedis, type RedisConnection } from "./redis-connection.js";

const LOGIN_REFUSED = /WRONGPASS|NOAUTH|invalid password|invalid username/i;

/**
 * A BullMQ queue for a short command, connected: Redis's errors are kept (not printed), and
 * when Redis cannot be reached or refuses the login it rejects with `QueueConnectionError`.
 */
export async function openQueue(connection: RedisConnection, queueName: string, options: { readOnly?: boolean } = {}): Promise<CommandQueue> {
  const queue = createQueue(connection, queueName, options.readOnly ?? false);
  let last: Error | undefined;
  let refused: (error: Error) => void = () => {};
  // A refused login does not get better with retries: it ends the wait at once.
  const loginRefused = new Promise<never>((_, reject) => (refused = reject));
  loginRefused.catch(() => {}); // a refusal after the wait is over is no one's to handle
  queue.on("error", (error: Error) => {
    last = error;
    if (LOGIN_REFUSED.test(error.message)) refused(error);
  });
  try {
    await Promise.race([queue.waitUntilReady(), loginRefused]);
    return queue;
  } catch (error) {
    await queue.close().catch(() => {});
    const reason = (last ?? (error as Error)).message;
    throw new QueueConnectionError(
      describeRedis(connection),
      `could not be reached (${reason}); check that Redis runs there and, if it asks for one, that the password is right`,
      {
        cause: last ?? error,
      },
    );
  }
}

/** A queue as `openQueue` gives it. */
export type CommandQueue = ReturnType<typeof createQueue>;

function createQueue(connection: RedisConnection, queueName: string, readOnly: boolean) {
  return new Queue(queueName, { connection: commandConnection(connection), ...(readOnly ? { skipMetasUpdate: true } : {}) });
}
