import { expect, test } from "vitest";
import { RETRY_STATUS, retrySettings, type RetrySettings } from "./index.js";

const DEFAULTS: RetrySettings = { limit: 5, baseDelayMs: 500, maxDelayMs: 15_000, maxRetryAfterSeconds: 60 };

test("each option given overrides its default; an undefined one keeps it", () => {
  expect(retrySettings(DEFAULTS, undefined)).toEqual(DEFAULTS);
  expect(retrySettings(DEFAULTS, { limit: 0, maxDelayMs: undefined })).toEqual({ ...DEFAULTS, limit: 0 });
});

test("429 and the 5xx of a busy server are retried, not 408 or 413", () => {
  expect(RETRY_STATUS).toEqual([429, 500, 502, 503, 504]);
});
