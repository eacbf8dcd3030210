import assert from "node:assert/strict";
import { backoffDelay, createRateLimiter, createRedactor, createTransport, parseRetryAfter, sleep } from "@cat-harvest/http";
import { sendJson } from "@cat-harvest/http/ky";
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
  {
    name: "http/ky: one JSON call over ky, a cut-short body retried",
    async fn() {
      let calls = 0;
      const fetch: typeof globalThis.fetch = async () => new Response(++calls === 1 ? "[1," : "[1,2]");
      const retry = { limit: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterSeconds: 60 };
      const transport = createTransport({ fetch }, { requestsPerSecond: Infinity, timeout: 5000, retry }, () => []);
      const answer = await sendJson(transport, {
        where: "smoke",
        method: "GET",
        url: new URL("http://api.invalid/x"),
        headers: {},
        errors: { Base: { isInstance: () => false }, Timeout: Error as never, Network: Error as never },
        report: () => {},
        readRefusal: async (response) => ({ status: response.status, retryAfterMs: null }),
        isQuota: () => false,
        refusalError: () => new Error("refused"),
      });
      assert.deepEqual([answer.body, calls], [[1, 2], 2]);
    },
  },
];
