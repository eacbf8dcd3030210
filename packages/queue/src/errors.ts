import { CatHarvestError } from "@cat-harvest/errors";

/** The base of every error this package throws. */
export class QueueError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/queue.QueueError");
  override name: string = "QueueError";
}

/**
 * A value bound for Redis (job data, a job's result) carries a credential: a URL with a user
 * name or password, a setting named like a secret, or one of the secrets the caller named.
 * Nothing was stored. `option` names the setting; the message never quotes the value.
 */
export class QueueSecretError extends QueueError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/queue.QueueSecretError");
  override name = "QueueSecretError" as const;
  readonly option: string;
  constructor(option: string, problem: string) {
    super(
      `The queue setting ${JSON.stringify(option)} ${problem}; job data lives in Redis, where every worker and anyone with access to Redis reads it. ` +
        `Give each worker its credentials through its own environment instead, and pass only credential-free settings.`,
    );
    this.option = option;
  }
}

/** A Redis connection URL (option `connection`) is not one this package can use. */
export class QueueConnectionError extends QueueError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/queue.QueueConnectionError");
  override name = "QueueConnectionError" as const;
  /** The URL without user name or password. */
  readonly url: string;
  constructor(url: string, problem: string, options?: ErrorOptions) {
    super(`The Redis URL ${JSON.stringify(url)} ${problem}`, options);
    this.url = url;
  }
}

/** A job in the queue does not hold shard job data this version understands (another program's job, or a newer version's). */
export class QueueJobDataError extends QueueError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/queue.QueueJobDataError");
  override name = "QueueJobDataError" as const;
  readonly jobId: string;
  constructor(jobId: string, problem: string) {
    super(
      `Job ${JSON.stringify(jobId)} ${problem}; it was not written by this version of @cat-harvest/queue. Give each program its own queue name, or upgrade every worker to one version.`,
    );
    this.jobId = jobId;
  }
}
