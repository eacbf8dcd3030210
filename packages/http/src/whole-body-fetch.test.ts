import { expect, test } from "vitest";
import { fetchWholeBody, type NoAnswer } from "./index.js";

test("resolves only with the whole body read, keeping status and headers; a 204 has none", async () => {
  const chunks = ["[1,", "2]"];
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(chunk));
    },
  });
  const inner: typeof fetch = async (input) =>
    String(input).endsWith("/empty") ? new Response(null, { status: 204 }) : new Response(stream, { status: 201, headers: { "x-a": "b" } });
  const wrapped = fetchWholeBody(inner, () => {}, undefined);
  const response = await wrapped("http://h/x");
  expect([response.status, response.headers.get("x-a"), await response.json()]).toEqual([201, "b", [1, 2]]);
  expect((await wrapped("http://h/empty")).body).toBeNull();
});

test("a body cut short rejects inside fetch and is reported as network", async () => {
  const heard: NoAnswer[] = [];
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("[1,"));
      controller.error(new TypeError("terminated"));
    },
  });
  const wrapped = fetchWholeBody(
    async () => new Response(stream),
    (failure) => heard.push(failure),
    undefined,
  );
  await expect(wrapped("http://h/")).rejects.toThrow("terminated");
  expect(heard).toEqual(["network"]);
});

test("an attempt whose own signal fired is a timeout; the caller's abort is not reported", async () => {
  const heard: NoAnswer[] = [];
  const inner: typeof fetch = (_input, init) => Promise.reject(init?.signal?.reason ?? new Error("no signal"));
  const attempt = new AbortController();
  attempt.abort(new Error("ky timeout"));
  await expect(fetchWholeBody(inner, (f) => heard.push(f), undefined)("http://h/", { signal: attempt.signal })).rejects.toThrow("ky timeout");
  const caller = new AbortController();
  caller.abort(new Error("caller"));
  await expect(fetchWholeBody(inner, (f) => heard.push(f), caller.signal)("http://h/", { signal: caller.signal })).rejects.toThrow("caller");
  expect(heard).toEqual(["timeout"]);
});
