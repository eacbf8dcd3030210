import { expect, test } from "vitest";
import { createRateLimiter } from "./index.js";

test("lets the first request through and makes the next wait for its slot; abort frees the waiter", async () => {
  const limiter = createRateLimiter(0.001); // one request per 1000 s
  await limiter.acquire();
  const controller = new AbortController();
  const waiting = limiter.acquire(controller.signal);
  const reason = new Error("stop");
  controller.abort(reason);
  await expect(waiting).rejects.toBe(reason);
});

test("an already aborted signal rejects at once", async () => {
  const controller = new AbortController();
  controller.abort(new Error("gone"));
  await expect(createRateLimiter(10).acquire(controller.signal)).rejects.toThrow("gone");
  await expect(createRateLimiter(Infinity).acquire(controller.signal)).rejects.toThrow("gone");
});

test("a request over the ceiling waits for its slot; the clock frees it", async () => {
  let now = 0;
  const limiter = createRateLimiter(1, () => now);
  await limiter.acquire();
  let second = false;
  const controller = new AbortController();
  const waiting = limiter.acquire(controller.signal).then(() => (second = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(second).toBe(false); // its slot is a whole second away
  controller.abort(new Error("done"));
  await expect(waiting).rejects.toThrow("done");
  now = 2000; // a second later on the limiter's clock the next request goes at once
  await limiter.acquire();
});

test("a pause holds back every caller, even without a ceiling", async () => {
  let now = 0;
  const limiter = createRateLimiter(Infinity, () => now);
  await limiter.acquire();
  limiter.pause(1000);
  let started = false;
  const controller = new AbortController();
  const waiting = limiter.acquire(controller.signal).then(() => (started = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(started).toBe(false);
  controller.abort(new Error("done"));
  await expect(waiting).rejects.toThrow("done");
  now = 1000;
  await limiter.acquire();
});
