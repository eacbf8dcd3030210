import { describe, expect, test } from "vitest";
import { type FailureReason, isRetryableReason, isRetryableStatus } from "./index.js";

describe("retry classification", () => {
  test.each([
    [408, true],
    [425, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [599, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [410, false],
    [451, false],
    [200, false],
    [301, false],
  ])("status %i retryable: %s", (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });

  test.each<[FailureReason, boolean]>([
    ["network", true],
    ["truncated", true],
    ["timeout-connect", true],
    ["timeout-idle", true],
    ["timeout-total", true],
    ["http-503", true],
    ["http-429", true],
    ["http-404", false],
    ["not-an-image", false],
    ["empty-body", false],
    ["too-large", false],
    ["too-many-redirects", false],
    ["redirect-unsupported-protocol", false],
    ["invalid-url", false],
    ["unsupported-protocol", false],
    ["invalid-key", false],
    ["storage", false],
    ["aborted", false],
  ])("reason %s retryable: %s", (reason, retryable) => {
    expect(isRetryableReason(reason)).toBe(retryable);
  });
});
