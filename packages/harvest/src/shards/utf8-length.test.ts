import { describe, expect, test } from "vitest";
import { utf8Length } from "./utf8-length.js";

describe("utf8Length", () => {
  test.each([
    ["", "nothing"],
    ['{"url":"http://a/b.jpg"}', "ASCII"],
    ["Chartreux café ü", "two-byte letters"],
    ["猫の写真", "three-byte letters"],
    ["cat 🐈 and 🐈‍⬛", "surrogate pairs and a joiner"],
    ["lone \ud800 high", "a lone high surrogate"],
    ["lone \udc00 low", "a lone low surrogate"],
    ["end \ud83d", "a high surrogate at the end"],
  ])("counts %j as TextEncoder encodes it (%s)", (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).byteLength);
  });
});
