export { backoffDelay } from "./backoff.js";
export { parseRetryAfter } from "./retry-after.js";
export { sleep } from "./sleep.js";
export { createRateLimiter, type RateLimiter } from "./rate-limiter.js";
export { createRedactor, type Redactor } from "./redact.js";
export { publicUrl, REDACTED_PARAM, splitUrlCredentials } from "./url-credentials.js";
