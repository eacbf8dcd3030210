import { errorClassProblems } from "@cat-harvest/errors";
import { StorageError } from "@cat-harvest/storage";
import { describe, expect, test } from "vitest";
import { S3BucketNotFoundError, S3CredentialsError, S3StorageError } from "./errors.js";

describe("s3 storage errors", () => {
  test("every exported error class has a marker of its own", async () => {
    expect(errorClassProblems(await import("./index.js"))).toEqual([]);
  });

  test("each class's isInstance matches it and its subclasses, not its siblings", () => {
    const error = new S3CredentialsError("refused", { operation: "put", bucket: "cats" });
    expect(S3CredentialsError.isInstance(error)).toBe(true);
    expect(S3StorageError.isInstance(error)).toBe(true);
    expect(StorageError.isInstance(error)).toBe(true);
    expect(S3BucketNotFoundError.isInstance(error)).toBe(false);
  });
});
