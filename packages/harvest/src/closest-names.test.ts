import { describe, expect, test } from "vitest";
import { closestNames, editDistance } from "./closest-names.js";

const BREEDS = ["Siamese", "Applehead Siamese", "Bengal", "Maine Coon", "Sphynx / Hairless Cat", "Domestic Short Hair", "Domestic Long Hair"];

describe("editDistance", () => {
  test.each([
    ["", "", 0],
    ["cat", "cat", 0],
    ["Cat", "cAT", 0],
    ["cat", "cats", 1],
    ["kitten", "sitting", 3],
  ])("%j to %j is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe("closestNames", () => {
  test.each([
    ["siames", ["Siamese", "Applehead Siamese"]],
    ["Bengall", ["Bengal"]],
    ["main coon", ["Maine Coon"]],
    ["sphynx", ["Sphynx / Hairless Cat"]],
    ["Domestic Shorthair", ["Domestic Short Hair", "Domestic Long Hair"]],
    ["Wolf", []],
  ])("%j suggests %j", (name, expected) => {
    expect(closestNames(name, BREEDS)).toEqual(expected);
  });
});
