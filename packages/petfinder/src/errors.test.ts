import { errorClassProblems } from "@cat-harvest/errors";
import { expect, test } from "vitest";
import { PetfinderAuthError, PetfinderError, PetfinderHttpError, PetfinderQuotaError, PetfinderRateLimitError } from "./errors.js";

test("every exported error class has its own marker", async () => {
  expect(errorClassProblems(await import("./index.js"))).toEqual([]);
});

test("isInstance is exact per class: a quota error is a rate-limit error, not an auth error", () => {
  const quota = new PetfinderQuotaError("quota", "u", 10, new Date(0));
  expect(PetfinderQuotaError.isInstance(quota)).toBe(true);
  expect(PetfinderRateLimitError.isInstance(quota)).toBe(true);
  expect(PetfinderHttpError.isInstance(quota)).toBe(true);
  expect(PetfinderError.isInstance(quota)).toBe(true);
  expect(PetfinderAuthError.isInstance(quota)).toBe(false);
  expect(PetfinderQuotaError.isInstance(new PetfinderRateLimitError("rate", "u", 1))).toBe(false);
  expect(PetfinderAuthError.isInstance(new PetfinderAuthError("auth", 401, "u"))).toBe(true);
});
