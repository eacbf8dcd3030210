import { describe, expect, test } from "vitest";
import { StorageKeyError, validateKey, validatePrefix } from "./index.js";

describe("validateKey", () => {
  test.each([
    ["Bengal/123-1.jpg"],
    ["metadata.jsonl"],
    ["Maine Coon/7-2.jpg"],
    ["Sphynx_-_Hairless_Cat/1-1.jpg"],
    ["Ragdoll/ünïcødé 猫.jpg"],
    ["a/b/c/d.jpg"],
    ["..hidden/x"],
  ])("accepts %s", (key) => {
    expect(validateKey(key)).toBe(key);
  });

  test.each([
    ["", "empty"],
    ["/etc/passwd", "absolute"],
    ["../outside.jpg", '".." segment'],
    ["a/../../b", '".." segment'],
    ["a/./b", '"." segment'],
    ["a//b", "empty path segment"],
    ["a/", "empty path segment"],
    ["a\\b", "backslash"],
    ["C:evil", "drive letter"],
    ["nul\u0000byte", "NUL"],
    ["bell\u0007", "control character"],
    ["x".repeat(2000), "longer than"],
  ])("refuses %j (%s)", (key, problem) => {
    expect(() => validateKey(key)).toThrow(StorageKeyError);
    expect(() => validateKey(key)).toThrow(problem);
  });

  test("allows an empty or slash-terminated prefix but refuses a hostile one", () => {
    expect(validatePrefix(undefined)).toBe("");
    expect(validatePrefix("Bengal/")).toBe("Bengal/");
    expect(() => validatePrefix("../")).toThrow(StorageKeyError);
  });
});
