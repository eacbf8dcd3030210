import { expect, test } from "vitest";
import { sleep } from "./index.js";

test("resolves after the delay, a negative delay at once", async () => {
  const started = Date.now();
  await sleep(20);
  expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  await sleep(-5);
});

test("rejects with the signal's reason when it fires, and at once when it already has", async () => {
  const controller = new AbortController();
  const reason = new Error("stop");
  const waiting = sleep(60_000, controller.signal);
  controller.abort(reason);
  await expect(waiting).rejects.toBe(reason);
  await expect(sleep(10, controller.signal)).rejects.toBe(reason);
});
