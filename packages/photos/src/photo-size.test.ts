import { expect, test } from "vitest";
import { PHOTO_SIZE_WIDTHS, sizeFallbackOrder, sizeOfWidth } from "./index.js";

test.each([
  [undefined, ["full", "large", "medium", "small"]],
  ["largest", ["full", "large", "medium", "small"]],
  ["full", ["full", "large", "medium", "small"]],
  ["large", ["large", "full", "medium", "small"]],
  ["medium", ["medium", "large", "full", "small"]],
  ["small", ["small", "medium", "large", "full"]],
] as const)("sizeFallbackOrder(%j) tries %j", (wanted, order) => {
  expect(sizeFallbackOrder(wanted)).toEqual(order);
});

test.each([["huge"], ["Large"], [""]])("sizeFallbackOrder refuses %j with a TypeError", (wanted) => {
  expect(() => sizeFallbackOrder(wanted as "large")).toThrow(TypeError);
});

test.each([
  [null, "full"],
  [50, "small"],
  [60, "small"],
  [95, "small"],
  [100, "small"],
  [300, "medium"],
  [450, "medium"],
  [500, "large"],
  [600, "large"],
  [4000, "large"],
] as const)("sizeOfWidth(%j) is %s", (width, size) => {
  expect(sizeOfWidth(width)).toBe(size);
});

test("the widths per key match the API reference", () => {
  expect(PHOTO_SIZE_WIDTHS).toEqual({ small: 100, medium: 300, large: 600, full: null });
});
