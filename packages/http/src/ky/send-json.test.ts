import ky from "ky";
import { describe, expect, test } from "vitest";
import { createTransport, type RequestEvent } from "../index.js";
import { sendJson, type JsonCall, type RefusedAnswer } from "./index.js";

class TestError extends Error {
  static isInstance(error: unknown): boolean {
    return error instanceof TestError;
  }
  constructor(
    message: string,
    readonly url: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
class TestTimeoutError extends TestError {
  constructor(message: string, url: string, timeout: number, options?: ErrorOptions) {
    super(`${message} [${timeout}]`, url, options);
  }
}
class TestNetworkError extends TestError {}
class TestRefusal extends TestError {}

type Answer = RefusedAnswer & { readonly said: string };
const RETRY = { limit: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterSeconds: 60 };

/** A client over a fake fetch that answers from `answers` in turn (the last one repeats). */
function client(answers: Array<(signal: AbortSignal | undefined) => Response | Promise<Response>>, extra: Partial<JsonCall<Answer>> = {}, timeout = 1000) {
  const events: RequestEvent[] = [];
  const seen: Request[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push(request);
    return answers[Math.min(seen.length, answers.length) - 1]!(request.signal);
  };
  const transport = createTransport({ fetch, retry: RETRY, timeout }, { requestsPerSecond: Infinity, timeout, retry: RETRY }, () => ["k3y"]);
  const url = new URL("http://api.test/v1/things");
  const call: JsonCall<Answer> = {
    where: `Test things (GET ${url.href})`,
    method: "GET",
    url,
    headers: { accept: "application/json" },
    errors: { Base: TestError, Timeout: TestTimeoutError, Network: TestNetworkError },
    report: (event) => events.push(event),
    readRefusal: async (response) => ({ status: response.status, retryAfterMs: null, said: await response.text() }),
    isQuota: (answer) => answer.said === "quota",
    refusalError: (answer, attempts) => new TestRefusal(`refused ${answer.status} after ${attempts}`, url.href),
    ...extra,
  };
  return { send: () => sendJson(transport, call), events, seen };
}

const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { "x-page": "1" } });

describe("sendJson", () => {
  test("resolves with the parsed answer and its headers, reporting the attempt", async () => {
    const { send, events } = client([json({ ok: true })]);
    const answer = await send();
    expect([answer.body, answer.headers.get("x-page")]).toEqual([{ ok: true }, "1"]);
    expect(events).toEqual([{ method: "GET", url: "http://api.test/v1/things", attempt: 0, status: 200 }]);
  });

  test("a body that is not JSON is retried, then the client's network error", async () => {
    const { send, events, seen } = client([() => new Response("[1,", { status: 200 })]);
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestNetworkError);
    expect((error as Error).message).toBe(
      "Test things (GET http://api.test/v1/things) answered 200 with a body that is not JSON (3 characters; cut short?) after 3 attempts.",
    );
    expect(seen).toHaveLength(3);
    expect(events.map((e) => [e.attempt, e.failure])).toEqual([
      [0, "invalid-body"],
      [1, "invalid-body"],
      [2, "invalid-body"],
    ]);
  });

  test("a 503 is retried, and after the last retry is the client's refusal", async () => {
    const { send, seen } = client([json({}, 503), json({}, 503), json({ ok: 1 })]);
    expect((await send()).body).toEqual({ ok: 1 });
    expect(seen).toHaveLength(3);
    const failing = client([json({}, 503)]);
    await expect(failing.send()).rejects.toThrow("refused 503 after 3");
  });

  test("a quota and a 404 are refused at once", async () => {
    const quota = client([() => new Response("quota", { status: 429 })]);
    await expect(quota.send()).rejects.toThrow("refused 429 after 1");
    expect(quota.seen).toHaveLength(1);
    const missing = client([json({}, 404)]);
    await expect(missing.send()).rejects.toThrow("refused 404 after 1");
  });

  test("credentials are set on every attempt; a retry forced from onRefused does not count against the limit", async () => {
    let refreshed = false;
    const { send, seen } = client([json({}, 401), json({}, 503), json({}, 503), json({ ok: 1 })], {
      authorize: (request) => request.headers.set("authorization", `Bearer ${refreshed ? "new" : "old"}`),
      onRefused: (response) => {
        if (response.status !== 401 || refreshed) return undefined;
        refreshed = true;
        return ky.retry({ delay: 0 });
      },
      spareRetries: 1,
    });
    expect((await send()).body).toEqual({ ok: 1 });
    expect(seen.map((r) => r.headers.get("authorization"))).toEqual(["Bearer old", "Bearer new", "Bearer new", "Bearer new"]);
  });

  test("a stalled body times out into the client's timeout error; a failed connection is its network error, secrets redacted", async () => {
    // A body that never ends, until the attempt's signal fires (as a real fetch's body does).
    const stall = (signal: AbortSignal | undefined) =>
      new Response(new ReadableStream({ start: (controller) => signal?.addEventListener("abort", () => controller.error(signal.reason)) }));
    const stalled = client([stall], {}, 30);
    await expect(stalled.send()).rejects.toThrow(/timed out after 30 ms, 3 attempts\. .* \[30\]$/);
    expect(stalled.events.map((e) => e.failure)).toEqual(["timeout", "timeout", "timeout"]);
    const down = client([() => Promise.reject(new TypeError("fetch failed", { cause: new Error("connect refused k3y") }))]);
    await expect(down.send()).rejects.toThrow("failed: fetch failed (connect refused [redacted]) after 3 attempts. Check that baseUrl is reachable.");
  });

  test("the caller's abort rejects with its reason, before and during the call", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(client([json({})], { signal: controller.signal }).send()).rejects.toThrow("stop");
    const later = new AbortController();
    const pending = client([() => new Promise<Response>(() => {})], { signal: later.signal }).send();
    later.abort(new Error("later"));
    await expect(pending).rejects.toThrow("later");
  });
});
