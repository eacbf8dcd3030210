import { expect, test } from "vitest";
import { backoffDelay, parseRetryAfter } from "./backoff.js";

test.each([
  ["1", 1],
  ["0", 0],
  ["86400", 86400],
  ["2.5", 2.5],
  ["Thu, 01 Jan 1970 00:00:10 GMT", 10],
  ["Thu, 01 Jan 1970 00:00:00 GMT", 0],
  ["soon", undefined],
  [null, undefined],
])("parseRetryAfter(%j) = %j seconds", (header, seconds) => {
  expect(parseRetryAfter(header, 0)).toBe(seconds);
});

test.each([
  // retry, base, max, random -> delay
  [0, 500, 15_000, 1, 500],
  [1, 500, 15_000, 1, 1000],
  [3, 500, 15_000, 0.5, 2000],
  [10, 500, 15_000, 1, 15_000],
  [2, 500, 15_000, 0, 0],
])("backoffDelay(retry %i, base %i, max %i, random %d) = %i", (retry, base, max, random, delay) => {
  expect(backoffDelay(retry, base, max, () => random)).toBe(delay);
});
