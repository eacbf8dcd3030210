import { expect, test } from "vitest";
import { fitRecords, pageLimits } from "./index.js";

test("absent limits are Infinity; whole numbers and Infinity pass", () => {
  expect(pageLimits({})).toEqual({ maxPages: Infinity, maxRecords: Infinity });
  expect(pageLimits({ maxPages: 0, maxRecords: Infinity })).toEqual({ maxPages: 0, maxRecords: Infinity });
});

test.each([
  [{ maxPages: -1 }, "maxPages must be a whole number >= 0 or Infinity, got -1"],
  [{ maxRecords: 1.5 }, "maxRecords must be a whole number >= 0 or Infinity, got 1.5"],
  [{ maxRecords: Number.NaN }, "maxRecords must be a whole number >= 0 or Infinity, got NaN"],
])("%j is a TypeError", (limits, message) => {
  expect(() => pageLimits(limits)).toThrow(new TypeError(message));
});

test("fitRecords cuts a page to the room left and keeps the page's own array when it fits", () => {
  const records = [1, 2, 3];
  expect(fitRecords(records, 2)).toEqual([1, 2]);
  expect(fitRecords(records, 3)).toBe(records);
  expect(fitRecords(records, Infinity)).toBe(records);
});
