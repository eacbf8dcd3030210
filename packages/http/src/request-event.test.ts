import { expect, test } from "vitest";
import { notifySafely, type RequestEvent } from "./index.js";

test("hands the event to the listener, ignores what it throws, and allows no listener", () => {
  const event: RequestEvent = { method: "GET", url: "http://h/", attempt: 0, status: 200 };
  const seen: RequestEvent[] = [];
  notifySafely((e: RequestEvent) => seen.push(e), event);
  expect(() =>
    notifySafely(() => {
      throw new Error("counter broke");
    }, event),
  ).not.toThrow();
  notifySafely(undefined, event);
  expect(seen).toEqual([event]);
});
