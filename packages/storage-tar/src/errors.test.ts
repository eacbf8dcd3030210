import { errorClassProblems } from "@cat-harvest/errors";
import { StorageError } from "@cat-harvest/storage";
import { describe, expect, test } from "vitest";
import { TarEntryTooLargeError, TarKeyConflictError, TarStorageError } from "./errors.js";

describe("tar storage errors", () => {
  test("every exported error class has a marker of its own", async () => {
    expect(errorClassProblems(await import("./index.js"))).toEqual([]);
  });

  test("each class's isInstance matches it and its subclasses, not its siblings", () => {
    const error = new TarKeyConflictError("Bengal", "Bengal/1-1.jpg");
    expect(TarKeyConflictError.isInstance(error)).toBe(true);
    expect(TarStorageError.isInstance(error)).toBe(true);
    expect(StorageError.isInstance(error)).toBe(true);
    expect(TarEntryTooLargeError.isInstance(error)).toBe(false);
  });
});
