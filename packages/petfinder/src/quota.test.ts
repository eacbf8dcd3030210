import { describe, expect, test } from "vitest";
import { isQuota, quotaResetAt } from "./quota.js";

describe("isQuota", () => {
  test.each([
    [{ detail: "Over the daily request limit" }, null, true],
    [{ title: "Quota exceeded" }, 1000, true],
    [{ detail: "1000 requests per day" }, null, true],
    [{ detail: "Over 50 requests per second" }, 1000, false],
    [undefined, 60_000, false],
    [undefined, 60_001, true],
    [undefined, null, false],
  ])("%j with Retry-After %j ms (max 60 s) -> %s", (problem, retryAfterMs, quota) => {
    expect(isQuota(problem, retryAfterMs, 60)).toBe(quota);
  });
});

test("a quota resets after Retry-After, or without one at the next 00:00 UTC", () => {
  const now = Date.parse("2026-11-28T08:00:00Z");
  expect(quotaResetAt(36_000_000, now).toISOString()).toBe("2026-11-28T18:00:00.000Z");
  expect(quotaResetAt(null, now).toISOString()).toBe("2026-11-29T00:00:00.000Z");
});
