import { errorClassProblems } from "@cat-harvest/errors";
import { expect, test } from "vitest";
import { RescueGroupsError, RescueGroupsQuotaError, RescueGroupsRateLimitError } from "./index.js";

test("every exported error class carries a marker of its own", async () => {
  expect(errorClassProblems(await import("./index.js"))).toEqual([]);
});

test("isInstance tells each class apart, subclasses included", () => {
  const quota = new RescueGroupsQuotaError("used up", "https://x/v5", 60, new Date(0));
  expect(RescueGroupsQuotaError.isInstance(quota)).toBe(true);
  expect(RescueGroupsRateLimitError.isInstance(quota)).toBe(true);
  expect(RescueGroupsError.isInstance(quota)).toBe(true);
  expect(RescueGroupsQuotaError.isInstance(new RescueGroupsRateLimitError("busy", "https://x/v5", 1))).toBe(false);
});
