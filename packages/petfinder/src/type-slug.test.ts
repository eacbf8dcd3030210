import { expect, test } from "vitest";
import { typeSlug } from "./type-slug.js";

test.each([
  ["cat", "cat"],
  ["Cat", "cat"],
  ["Small & Furry", "small-furry"],
  ["small-furry", "small-furry"],
  ["Scales, Fins & Other", "scales-fins-other"],
  [" Barnyard ", "barnyard"],
])("typeSlug(%j) = %j", (input, slug) => {
  expect(typeSlug(input)).toBe(slug);
});

test.each([[""], ["&&"]])("typeSlug(%j) throws a TypeError", (input) => {
  expect(() => typeSlug(input)).toThrow(TypeError);
});
