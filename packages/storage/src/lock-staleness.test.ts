import { describe, expect, test } from "vitest";
import { describeLockHolder, encodeLockRecord, parseLockRecord, type LockRecord } from "./lock-record.js";
import { lockStaleness } from "./lock-staleness.js";

const NOW = Date.parse("2026-11-28T09:01:05.000Z");
const holder: LockRecord = {
  token: "t",
  pid: 1234,
  host: "host-a",
  bootId: "boot-1",
  startedAt: "2026-11-28T09:01:02.123Z",
  heartbeatAt: "2026-11-28T09:01:02.000Z",
};
const ago = (ms: number) => ({ ...holder, heartbeatAt: new Date(NOW - ms).toISOString() });
const dead = () => false;
const alive = () => true;

describe("lockStaleness", () => {
  test.each([
    ["a live run on this host", holder, { host: "host-a", bootId: "boot-1", isProcessAlive: alive }, undefined],
    ["its process gone, on this host", holder, { host: "host-a", bootId: "boot-1", isProcessAlive: dead }, "its process 1234 is gone"],
    ["the machine restarted since", holder, { host: "host-a", bootId: "boot-2", isProcessAlive: alive }, "the machine has restarted since"],
    ["a liveness check that cannot tell", holder, { host: "host-a", isProcessAlive: () => undefined }, undefined],
    ["a dead-looking pid on another host is not ours to judge", holder, { host: "host-b", isProcessAlive: dead }, undefined],
    ["another boot id on another host means nothing", holder, { host: "host-b", bootId: "boot-9" }, undefined],
    ["a heartbeat of 60 s is still fresh", ago(60_000), { host: "host-b" }, undefined],
    ["a heartbeat older than 60 s, any host", ago(61_000), { host: "host-b" }, "its heartbeat is 61 s old (more than 60 s)"],
  ])("%s", (_, record, self, expected) => {
    expect(lockStaleness(record, self, NOW, 60_000)).toBe(expected);
  });
});

describe("lock records", () => {
  test("round-trip through one line of JSON", () => {
    const bytes = encodeLockRecord(holder);
    expect(new TextDecoder().decode(bytes)).toMatch(/^\{"tool":"cat-harvest","token":"t",.*\}\n$/);
    expect(parseLockRecord(bytes)).toEqual(holder);
  });

  test.each(["", "{", "null", '{"token":"t"}', '{"token":"t","pid":"1","host":"h","startedAt":"x","heartbeatAt":"2026-01-01T00:00:00Z"}'])(
    "%j is not a lock record",
    (text) => {
      expect(parseLockRecord(new TextEncoder().encode(text))).toBeUndefined();
    },
  );

  test("describe the holder as messages name it", () => {
    expect(describeLockHolder(holder, NOW)).toBe("pid 1234 on host-a since 2026-11-28T09:01:02Z (heartbeat 3 s ago)");
  });
});
