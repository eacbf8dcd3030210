import { errorClassProblems } from "@cat-harvest/errors";
import { StorageError } from "@cat-harvest/storage";
import { describe, expect, test } from "vitest";
import { FsStorageError, FsStorageSizeMismatchError } from "./errors.js";

const systemError = (code: string) => Object.assign(new Error(`${code}: something happened`), { code });

describe("FsStorageError", () => {
  test.each([
    ["ENOSPC", "free some disk space"],
    ["EACCES", "make the folder writable"],
    ["EROFS", "read-only"],
    ["ENOTDIR", "a folder in the key is a stored file"],
    ["EISDIR", "names an existing folder"],
    ["ENAMETOOLONG", "shorten the key"],
    ["EMFILE", "lower the download concurrency"],
  ])("names the fix for %s", (code, fix) => {
    const error = new FsStorageError("put", "Bengal/1-1.jpg", "/data/cat_breeds/Bengal/1-1.jpg", systemError(code));
    expect(error.code).toBe(code);
    expect(error.message).toContain('fs storage could not put "Bengal/1-1.jpg" at /data/cat_breeds/Bengal/1-1.jpg');
    expect(error.message).toContain(". Fix: ");
    expect(error.message).toContain(fix);
    expect(error.cause).toBeInstanceOf(Error);
  });

  test("an unknown code gives the system message and no invented fix", () => {
    const error = new FsStorageError("list", "", "/data", systemError("EWHATEVER"));
    expect(error.message).toBe("fs storage could not list its root at /data: EWHATEVER: something happened");
  });

  test("is recognised by its own marker and as a StorageError; the size error carries its counts", () => {
    const error = new FsStorageSizeMismatchError("a.jpg", "/r/a.jpg", 10, 12);
    expect(FsStorageError.isInstance(error)).toBe(true);
    expect(StorageError.isInstance(error)).toBe(true);
    expect(FsStorageError.isInstance(new StorageError("x"))).toBe(false);
    expect(error).toMatchObject({ expected: 10, actual: 12, key: "a.jpg", name: "FsStorageSizeMismatchError" });
  });

  test("every exported error class has a marker of its own", async () => {
    expect(errorClassProblems(await import("./index.js"))).toEqual([]);
  });

  test("the size error's isInstance does not match its parent's other errors", () => {
    expect(FsStorageSizeMismatchError.isInstance(new FsStorageError("put", "a.jpg", "/r/a.jpg", new Error("x")))).toBe(false);
  });
});
