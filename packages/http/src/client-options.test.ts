import { describe, expect, test } from "vitest";
import { apiRoot, checkTransportOptions, createTransport, type TransportOptions } from "./index.js";

describe("checkTransportOptions", () => {
  test.each([
    [{ requestsPerSecond: 0 }, 'f: option "requestsPerSecond" must be a positive number, got 0'],
    [{ timeout: 2 ** 31 }, 'f: option "timeout" must be a positive number and at most 2147483647, got 2147483648'],
    [{ retry: { baseDelayMs: Infinity } }, 'f: option "retry.baseDelayMs" must be a positive number and finite, got Infinity'],
    [{ retry: { maxRetryAfterSeconds: Number.NaN } }, 'f: option "retry.maxRetryAfterSeconds" must be a positive number and finite, got NaN'],
    [{ retry: { limit: 1.5 } }, 'f: option "retry.limit" must be a whole number >= 0, got 1.5'],
    [{ fetch: "fetch" }, 'f: option "fetch" must be a function, got string'],
  ])("%j is a TypeError: %s", (options, message) => {
    expect(() => checkTransportOptions("f", options as TransportOptions)).toThrow(new TypeError(message));
  });

  test("accepts absent options, Infinity requests per second and no retries", () => {
    expect(() => checkTransportOptions("f", {})).not.toThrow();
    expect(() => checkTransportOptions("f", { requestsPerSecond: Infinity, retry: { limit: 0 }, timeout: 1 })).not.toThrow();
  });
});

describe("apiRoot", () => {
  test("drops trailing slashes", () => {
    expect(apiRoot("f", "http://127.0.0.1:8080/v1//", "https://x/v1")).toBe("http://127.0.0.1:8080/v1");
  });

  test.each([
    ["cats", /option "baseUrl" "cats" is not a URL; pass the API root such as "https:\/\/x\/v1"/],
    ["ftp://x", /must be http\(s\), got ftp:/],
    ["https://x/v1?key=1", /must not hold a query, fragment or credentials/],
    ["https://u:s3cret@x/v1", /credentials/],
  ])("%s is a TypeError", (baseUrl, message) => {
    expect(() => apiRoot("f", baseUrl, "https://x/v1")).toThrow(message);
  });

  test("never repeats credentials it refused", () => {
    expect(() => apiRoot("f", "https://u:s3cret@x/v1", "https://x/v1")).not.toThrow(/s3cret/);
  });
});

test("createTransport fills in the defaults and redacts the secrets it is given", async () => {
  const retry = { limit: 5, baseDelayMs: 500, maxDelayMs: 15_000, maxRetryAfterSeconds: 60 };
  const transport = createTransport({ retry: { limit: 1 } }, { requestsPerSecond: Infinity, timeout: 10, retry }, () => ["k3y"]);
  expect([transport.timeout, transport.retry]).toEqual([10, { ...retry, limit: 1 }]);
  expect(transport.redact.text("a k3y")).toBe("a [redacted]");
  await transport.limiter.acquire();
  const fetch: typeof globalThis.fetch = async () => new Response("own");
  expect(await (await createTransport({ fetch }, { requestsPerSecond: 1, timeout: 1, retry }, () => []).fetch("http://h/")).text()).toBe("own");
});
