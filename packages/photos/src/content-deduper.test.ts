import { describe, expect, test } from "vitest";
import { createContentDeduper } from "./index.js";

const A = "a".repeat(64);
const B = "b".repeat(64);

describe("createContentDeduper", () => {
  test.each([
    // [scope, calls [sha, key], expected results]
    [
      "folder",
      [
        [A, "Bengal/1-1.jpg"],
        [A, "Bengal/2-1.jpg"],
      ],
      [false, true],
    ],
    [
      "folder",
      [
        [A, "Bengal/1-1.jpg"],
        [A, "Manx/1-1.jpg"],
      ],
      [false, false],
    ],
    [
      "global",
      [
        [A, "Bengal/1-1.jpg"],
        [A, "Manx/1-1.jpg"],
      ],
      [false, true],
    ],
    [
      "folder",
      [
        [A, "Bengal/1-1.jpg"],
        [B, "Bengal/2-1.jpg"],
      ],
      [false, false],
    ],
    [
      "folder",
      [
        [A, "Bengal/1-1.jpg"],
        [A, "Bengal/1-1.jpg"],
      ],
      [false, false],
    ],
    [
      "folder",
      [
        [A, "Bengal/1-1.jpg"],
        [A.toUpperCase(), "Bengal/3-1.jpg"],
      ],
      [false, true],
    ],
    [
      "folder",
      [
        [A, "top.jpg"],
        [A, "other.jpg"],
        [A, "Bengal/1-1.jpg"],
      ],
      [false, true, false],
    ],
  ] as const)("scope %s: %j gives %j", (scope, calls, expected) => {
    const deduper = createContentDeduper({ scope });
    expect(calls.map(([sha, key]) => deduper.seen(sha, key))).toEqual(expected);
  });

  test("isDuplicate is the downloader's hook and reads job.key", () => {
    const deduper = createContentDeduper();
    expect(deduper.isDuplicate(A, { key: "Bengal/1-1.jpg" })).toBe(false);
    expect(deduper.isDuplicate(A, { key: "Bengal/2-1.jpg" })).toBe(true);
    expect(deduper.firstKey(A, "Bengal/9-9.jpg")).toBe("Bengal/1-1.jpg");
    expect(deduper.size).toBe(1);
  });

  test("forget lets a later copy in after the first one's store failed", () => {
    const deduper = createContentDeduper();
    deduper.seen(A, "Bengal/1-1.jpg");
    deduper.forget(A, "Bengal/2-1.jpg");
    expect(deduper.seen(A, "Bengal/2-1.jpg")).toBe(true);
    deduper.forget(A, "Bengal/1-1.jpg");
    expect(deduper.seen(A, "Bengal/3-1.jpg")).toBe(false);
  });

  test.each([
    [() => createContentDeduper({ scope: "bucket" as "folder" })],
    [() => createContentDeduper().seen("", "Bengal/1-1.jpg")],
    [() => createContentDeduper().seen(A, "")],
    [() => createContentDeduper().seen(undefined as unknown as string, "k")],
    [() => createContentDeduper().isDuplicate(A, undefined as unknown as { key: string })],
  ])("refuses bad arguments with a TypeError (%#)", (call) => {
    expect(call).toThrow(TypeError);
  });
});
