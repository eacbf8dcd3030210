export { backoffDelay } from "./backoff.js";
export { parseRetryAfter } from "./retry-after.js";
export { sleep } from "./sleep.js";
export { createRateLimiter, type RateLimiter } from "./rate-limiter.js";
export { createRedactor, type Redactor } from "./redact.js";
export { publicUrl, REDACTED_PARAM, splitUrlCredentials } from "./url-credentials.js";
export { fetchWholeBody, type NoAnswer } from "./whole-body-fetch.js";
export { NotJsonError, readJsonBody } from "./json-body.js";
export { notifySafely, type RequestEvent } from "./request-event.js";
export { RETRY_STATUS, retrySettings, type RetryOptions, type RetrySettings } from "./retry-settings.js";
export {
  apiRoot,
  checkTransportOptions,
  createTransport,
  type CallOptions,
  type Transport,
  type TransportDefaults,
  type TransportOptions,
} from "./client-options.js";
export { formatIssuePath, parsedOrThrow, type ParseIssue, type ParseResult, type SchemaIssue } from "./schema-issues.js";
export { fitRecords, pageLimits, type PageLimits } from "./page-limits.js";
export {
  isQuotaRefusal,
  quotaResetAt,
  readRefusal,
  retryAfterSeconds,
  tooManyRequestsError,
  type Refusal,
  type TooManyRequests,
  type TooManyRequestsErrors,
} from "./refusal.js";
