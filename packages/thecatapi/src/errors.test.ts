import { errorClassProblems } from "@cat-harvest/errors";
import { describe, expect, test } from "vitest";
import { CatApiError, CatApiQuotaError, CatApiRateLimitError } from "./errors.js";

describe("errors", () => {
  test("every exported error class has a marker of its own", async () => {
    expect(errorClassProblems(await import("./index.js"))).toEqual([]);
  });

  test("a quota error is a rate-limit error and a CatApiError; a rate-limit error is not a quota error", () => {
    const quota = new CatApiQuotaError("spent", "https://x/v1/breeds", 60, new Date(0));
    expect([CatApiQuotaError.isInstance(quota), CatApiRateLimitError.isInstance(quota), CatApiError.isInstance(quota)]).toEqual([true, true, true]);
    expect(CatApiQuotaError.isInstance(new CatApiRateLimitError("busy", "https://x", 1))).toBe(false);
    expect(quota.retryable).toBe(true);
  });
});
