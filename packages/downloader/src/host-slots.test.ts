import { describe, expect, test } from "vitest";
import { HostSlots } from "./host-slots.js";

describe("HostSlots", () => {
  test("gives at most `limit` slots per host and hands parked items out oldest first when one frees", () => {
    const slots = new HostSlots<string>(2, Infinity, 10);
    expect([slots.tryAcquire("a"), slots.tryAcquire("a"), slots.tryAcquire("a")]).toEqual([true, true, false]);
    expect(slots.tryAcquire("b")).toBe(true);
    slots.park("a", "a3");
    slots.park("a", "a4");
    expect(slots.takeReady()).toBeUndefined();
    slots.release("a");
    expect(slots.takeReady()).toEqual({ host: "a", item: "a3" });
    expect(slots.takeReady()).toBeUndefined();
    expect(slots.parkedCount).toBe(1);
  });

  test("prefers any host with room over a busy one", () => {
    const slots = new HostSlots<string>(1, Infinity, 10);
    slots.tryAcquire("a");
    slots.park("a", "a2");
    slots.park("b", "b1");
    expect(slots.takeReady()).toEqual({ host: "b", item: "b1" });
  });

  test("bounds how many items wait, drains them, and wakes waiters on release", async () => {
    const slots = new HostSlots<number>(1, Infinity, 2);
    slots.park("a", 1);
    expect(slots.canPark).toBe(true);
    slots.park("a", 2);
    expect(slots.canPark).toBe(false);
    const woken = slots.changed().then(() => "woken");
    slots.tryAcquire("a");
    slots.release("a");
    expect(await woken).toBe("woken");
    expect(slots.drain()).toEqual([1, 2]);
    expect(slots.parkedCount).toBe(0);
  });

  test("gives at most `total` slots over all hosts, and a release frees one for any host", () => {
    const slots = new HostSlots<string>(2, 3, 10);
    expect([slots.tryAcquire("a"), slots.tryAcquire("a"), slots.tryAcquire("b"), slots.tryAcquire("c")]).toEqual([true, true, true, false]);
    expect(slots.activeCount).toBe(3);
    slots.park("c", "c1");
    expect(slots.takeReady()).toBeUndefined();
    slots.release("a");
    expect(slots.takeReady()).toEqual({ host: "c", item: "c1" });
    expect(slots.activeCount).toBe(3);
  });

  test("a release for a host holding no slot changes nothing", () => {
    const slots = new HostSlots<string>(1, 1, 10);
    slots.tryAcquire("a");
    slots.release("b");
    expect(slots.activeCount).toBe(1);
    expect(slots.tryAcquire("b")).toBe(false);
  });
});
