export { QueueConnectionError, QueueError, QueueJobDataError, QueueSecretError } from "./errors.js";
export { DEFAULT_REDIS_PORT, describeRedis, redisConnection, type RedisConnection, type RedisConnectionOptions } from "./redis-connection.js";
export { runIdOf } from "./run-id.js";
export { DEFAULT_QUEUE_NAME, SHARD_JOB_NAME, readShardJobData, shardJobId, type ShardJobData, type ShardJobSettings } from "./shard-job-data.js";
export { checkJobSettings } from "./check-job-settings.js";
export { SHARD_INPUTS_PREFIX, readShardInput, shardInputKey, writeShardInput } from "./shard-input.js";
export { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, enqueueShards, type EnqueueShardsOptions, type EnqueueSummary } from "./enqueue-shards.js";
export { API_JOB_NAME, apiJobId, apiJobLabel, apiQueueName, readApiJobData, type ApiJobData } from "./api-job-data.js";
export type { EnqueueRunOptions } from "./enqueue-options.js";
export { enqueueApiJobs, type ApiEnqueueSummary, type ApiJobSpec, type EnqueueApiJobsOptions } from "./enqueue-api-jobs.js";
export { openRequestGate, type RequestGate } from "./shared-request-gate.js";
export { openSourceGate, sourceGateKey, sourceRateLimit } from "./source-gate.js";
export {
  runWorker,
  type JobProcessor,
  type QueueJob,
  type RunWorkerOptions,
  type ShardJob,
  type ShardProcessor,
  type SharedRateLimit,
  type WorkerEvent,
  type WorkerSummary,
} from "./run-worker.js";
export { queueStatus, type FailedShard, type QueueStatus, type QueueStatusOptions } from "./queue-status.js";
