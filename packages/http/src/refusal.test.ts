import { describe, expect, test } from "vitest";
import { isQuotaRefusal, quotaResetAt, readRefusal, retryAfterSeconds, tooManyRequestsError } from "./index.js";

describe("readRefusal", () => {
  test("reads the status, the text, the JSON and the Retry-After", async () => {
    const response = new Response('{"message":"slow down"}', { status: 429, headers: { "retry-after": "2" } });
    expect(await readRefusal(response)).toEqual({ status: 429, text: '{"message":"slow down"}', json: { message: "slow down" }, retryAfterMs: 2000 });
  });

  test("a body that is not JSON has no json; no Retry-After is null", async () => {
    expect(await readRefusal(new Response("<html>", { status: 502 }))).toEqual({ status: 502, text: "<html>", json: undefined, retryAfterMs: null });
  });

  test("a body that cannot be read counts as empty", async () => {
    const response = new Response("used", { status: 500 });
    await response.text();
    expect(await readRefusal(response)).toMatchObject({ status: 500, text: "", json: undefined });
  });
});

test.each([
  ["Over the daily limit", null, true],
  ["slow down", 60_000, false],
  ["slow down", 60_001, true],
  ["", null, false],
])("isQuotaRefusal(%j, Retry-After %j ms, max 60 s) -> %s", (said, retryAfterMs, quota) => {
  expect(isQuotaRefusal(said, /daily|quota/i, retryAfterMs, 60)).toBe(quota);
});

test("a quota resets after Retry-After, or without one at the next UTC day or month", () => {
  const now = Date.parse("2026-12-31T08:00:00Z");
  expect(quotaResetAt(36_000_000, "day", now).toISOString()).toBe("2026-12-31T18:00:00.000Z");
  expect(quotaResetAt(null, "day", now).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  expect(quotaResetAt(null, "month", now).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  expect(quotaResetAt(null, "month", Date.parse("2026-11-28T08:00:00Z")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
});

test("retryAfterSeconds", () => {
  expect([retryAfterSeconds(1500), retryAfterSeconds(null)]).toEqual([1.5, undefined]);
});

describe("tooManyRequestsError", () => {
  class QuotaError extends Error {
    constructor(
      message: string,
      readonly url: string,
      readonly retryAfter: number | undefined,
      readonly resetAt: Date,
      readonly payload?: string,
    ) {
      super(message);
    }
  }
  class RateLimitError extends Error {
    constructor(
      message: string,
      readonly url: string,
      readonly retryAfter: number | undefined,
      readonly payload?: string,
    ) {
      super(message);
    }
  }
  const errors = { Quota: QuotaError, RateLimit: RateLimitError };
  const base = { where: "API things (GET http://h/things)", url: "http://h/things", attempts: 3, said: ": slow", period: "month", payload: "slow" } as const;

  test("the per-second rate, after every retry", () => {
    const error = tooManyRequestsError({ ...base, retryAfterMs: 2000, quota: false }, errors);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      message: "API things (GET http://h/things) answered 429: slow after 3 attempts; lower requestsPerSecond.",
      retryAfter: 2,
      payload: "slow",
    });
  });

  test("a used-up quota, with when it resets", () => {
    const error = tooManyRequestsError({ ...base, retryAfterMs: null, quota: true }, errors) as QuotaError;
    expect(error).toBeInstanceOf(QuotaError);
    expect([error.retryAfter, error.resetAt.getUTCDate(), error.payload]).toEqual([undefined, 1, "slow"]);
    expect(error.message).toBe(
      `API things (GET http://h/things) answered 429: slow: the request quota is used up until ${error.resetAt.toISOString()}. Stop, and continue after that.`,
    );
  });
});
