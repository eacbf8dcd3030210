import { describe, expect, test } from "vitest";
import { parseRetryAfter } from "./index.js";

const NOW = Date.parse("2026-11-24T00:00:00Z");

describe("parseRetryAfter", () => {
  test.each([
    ["0", 0],
    ["1", 1000],
    [" 120 ", 120_000],
    ["86400", 86_400_000],
    ["1.5", 1500],
    ["Tue, 24 Nov 2026 00:00:30 GMT", 30_000],
    ["Mon, 23 Nov 2026 23:00:00 GMT", 0],
    [null, null],
    [undefined, null],
    ["", null],
    ["soon", null],
    ["-5", null],
    [".5", null],
    ["1e3", null],
  ])("%j -> %j ms", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});
