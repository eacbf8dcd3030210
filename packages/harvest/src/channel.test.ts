import { describe, expect, test } from "vitest";
import { createChannel } from "./channel.js";

const readAll = async <T>(iterable: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};
/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createChannel", () => {
  test("unbounded: push never waits, and a large queue is read whole and in order", async () => {
    const channel = createChannel<number>();
    const pushes = [];
    for (let i = 0; i < 5000; i++) pushes.push(channel.push(i));
    expect(channel.size).toBe(5000);
    channel.close();
    await Promise.all(pushes);
    const read = await readAll(channel);
    expect(read).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(channel.size).toBe(0);
  });

  test("reads interleaved with pushes keep the order across compactions", async () => {
    const channel = createChannel<number>();
    const iterator = channel[Symbol.asyncIterator]();
    const read: number[] = [];
    let next = 0;
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 300; i++) void channel.push(next++);
      for (let i = 0; i < 200; i++) read.push((await iterator.next()).value as number);
    }
    channel.close();
    for (;;) {
      const item = await iterator.next();
      if (item.done) break;
      read.push(item.value);
    }
    expect(read).toEqual(Array.from({ length: next }, (_, i) => i));
  });

  test("bounded: push waits while the queue is full and goes on once an item is read", async () => {
    const channel = createChannel<string>(2);
    await channel.push("a");
    await channel.push("b");
    let third = false;
    const pushing = channel.push("c").then(() => (third = true));
    await settle();
    expect(third).toBe(false);
    const iterator = channel[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toBe("a");
    await pushing;
    expect(third).toBe(true);
    channel.close();
    expect(await readAll({ [Symbol.asyncIterator]: () => iterator })).toEqual(["b", "c"]);
  });

  test("fail ends the reader with the error at its next read; a reader that stops frees waiting producers", async () => {
    const failing = createChannel<number>();
    await failing.push(1);
    const error = new Error("records failed");
    failing.fail(error);
    await expect(readAll(failing)).rejects.toBe(error);

    const full = createChannel<number>(1);
    await full.push(1);
    const waiting = full.push(2);
    for await (const item of full) {
      expect(item).toBe(1);
      break;
    }
    await waiting; // resolved: the reader stopped, nothing is queued any more
    expect(full.size).toBe(0);
  });

  test.each([0, -1, Number.NaN])("refuses a capacity of %s", (capacity) => {
    expect(() => createChannel(capacity)).toThrow(TypeError);
  });
});
