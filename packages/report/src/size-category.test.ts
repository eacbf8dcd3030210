import { describe, expect, test } from "vitest";
import { sizeCategory } from "./size-category.js";

describe("sizeCategory", () => {
  test.each([
    [0, "n<1K"],
    [999, "n<1K"],
    [1000, "1K<n<10K"],
    [60_000, "10K<n<100K"],
    [250_000, "100K<n<1M"],
  ])("%d files -> %s", (files, category) => expect(sizeCategory(files)).toBe(category));
});
