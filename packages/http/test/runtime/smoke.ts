import assert from "node:assert/strict";
import { backoffDelay, createRateLimiter, createRedactor, parseRetryAfter, sleep } from "@cat-harvest/http";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

export const cases: SmokeCase[] = [
  {
    name: "http: backoff, Retry-After, sleep, rate ceiling and redaction",
    async fn() {
      assert.equal(
        backoffDelay(3, 100, 10_000, () => 0.5),
        200,
      );
      assert.equal(parseRetryAfter("2"), 2000);
      const controller = new AbortController();
      const waiting = sleep(60_000, controller.signal);
      controller.abort(new Error("stop"));
      await assert.rejects(waiting, /stop/);
      const limiter = createRateLimiter(1000);
      await limiter.acquire();
      await limiter.acquire();
      assert.equal(createRedactor(() => ["k3y"]).text("a k3y"), "a [redacted]");
    },
  },
];
