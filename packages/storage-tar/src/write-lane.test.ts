import { expect, test } from "vitest";
import { WriteLane } from "./write-lane.js";

test("grants turns in the order asked, one at a time", async () => {
  const lane = new WriteLane();
  const order: string[] = [];
  const holder = await lane.acquire();
  const turns = ["a", "b", "c"].map(async (name) => {
    const release = await lane.acquire();
    order.push(`${name} in`);
    await new Promise((resolve) => setTimeout(resolve, 1));
    order.push(`${name} out`);
    release();
  });
  expect(lane.waiting).toBe(3);
  holder();
  await Promise.all(turns);
  expect(order).toEqual(["a in", "a out", "b in", "b out", "c in", "c out"]);
});

test("a waiter whose signal aborts leaves the queue with the signal's reason; releasing twice is harmless", async () => {
  const lane = new WriteLane();
  const holder = await lane.acquire();
  const controller = new AbortController();
  const reason = new Error("gave up");
  const gaveUp = lane.acquire(controller.signal);
  const next = lane.acquire();
  controller.abort(reason);
  await expect(gaveUp).rejects.toBe(reason);
  expect(lane.waiting).toBe(1);
  holder();
  holder();
  const release = await next;
  expect(lane.waiting).toBe(0);
  release();
  await expect(lane.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
  (await lane.acquire())();
});
