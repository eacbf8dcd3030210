import { describe, expect, test } from "vitest";
import { RequestLimits } from "./request-limits.js";

describe("RequestLimits", () => {
  test("a monthly quota refuses until the 1st of next month (UTC), then admits again", () => {
    const limits = new RequestLimits(0, 2, "month");
    const jan31 = Date.UTC(2026, 0, 31, 23, 0, 0);
    expect([limits.check(jan31), limits.check(jan31)]).toEqual([{ ok: true }, { ok: true }]);
    expect(limits.check(jan31)).toEqual({ ok: false, kind: "quota", retryAfter: 3600 });
    expect(limits.check(Date.UTC(2026, 1, 1))).toEqual({ ok: true });
  });

  test("a daily quota resets at 00:00 UTC; the per-second window at each second; refusals do not count", () => {
    const limits = new RequestLimits(1, 3, "day");
    const t = Date.UTC(2026, 5, 1, 12, 0, 0, 0);
    expect(limits.check(t)).toEqual({ ok: true });
    expect(limits.check(t + 10)).toEqual({ ok: false, kind: "second", retryAfter: 1 });
    expect(limits.check(t + 1000)).toEqual({ ok: true });
    expect(limits.check(t + 2000)).toEqual({ ok: true });
    expect(limits.check(t + 3000)).toMatchObject({ ok: false, kind: "quota", retryAfter: 12 * 3600 - 3 });
    expect(limits.check(Date.UTC(2026, 5, 2))).toEqual({ ok: true });
  });
});
