import { describe, expect, test } from "vitest";
import { isTemporaryName, temporaryName } from "./temp-name.js";

const utf8 = (s: string) => new TextEncoder().encode(s).byteLength;

describe("temporaryName", () => {
  test.each([["1-1.jpg"], ["metadata.jsonl"], ["ünïcødé 猫.jpg"], ["😺".repeat(63) + ".jpg"], ["x".repeat(250)]])(
    "names a hidden temporary file for %j that stays under 255 bytes and is recognised",
    (name) => {
      const temp = temporaryName(name);
      expect(temp.startsWith(".")).toBe(true);
      expect(temp.endsWith(".part")).toBe(true);
      expect(utf8(temp)).toBeLessThanOrEqual(255);
      expect(isTemporaryName(temp)).toBe(true);
      expect(temp).not.toBe(temporaryName(name));
    },
  );

  test("10,000 temporary names for one file name are all different", () => {
    expect(new Set(Array.from({ length: 10_000 }, () => temporaryName("1-1.jpg"))).size).toBe(10_000);
  });

  test.each([["1-1.jpg"], [".hidden"], [".x.part"], [".x.0123456789ab.part.jpg"], [".x.0123456789AB.part"]])(
    "does not take %j for a temporary file",
    (name) => {
      expect(isTemporaryName(name)).toBe(false);
    },
  );
});
