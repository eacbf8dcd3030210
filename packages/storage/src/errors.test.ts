import { errorClassProblems } from "@cat-harvest/errors";
import { describe, expect, test } from "vitest";
import { StorageCapabilityError, StorageClosedError, StorageError, StorageKeyError } from "./index.js";

describe("storage errors", () => {
  test("every exported error class has a marker of its own", async () => {
    expect(errorClassProblems(await import("./index.js"))).toEqual([]);
  });

  test("each class's isInstance matches it and its subclasses, not its siblings", () => {
    const error = new StorageKeyError("../x", 'it has a ".." segment');
    expect(StorageKeyError.isInstance(error)).toBe(true);
    expect(StorageError.isInstance(error)).toBe(true);
    expect(StorageClosedError.isInstance(error)).toBe(false);
    expect(StorageCapabilityError.isInstance(new StorageError("x"))).toBe(false);
  });
});
