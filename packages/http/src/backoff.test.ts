import { describe, expect, test } from "vitest";
import { backoffDelay } from "./index.js";

describe("backoffDelay", () => {
  test.each([
    [1, 0.999999, 100, 10_000, 99],
    [2, 0.999999, 100, 10_000, 199],
    [5, 0.999999, 100, 10_000, 1599],
    [20, 0.999999, 100, 10_000, 9999],
    [3, 0, 100, 10_000, 0],
    [3, 0.5, 100, 10_000, 200],
    [0, 0.5, 100, 10_000, 50],
  ])("retry %i with random %d, base %i, max %i -> %i ms", (retry, random, base, max, expected) => {
    expect(backoffDelay(retry, base, max, () => random)).toBe(expected);
  });
});
