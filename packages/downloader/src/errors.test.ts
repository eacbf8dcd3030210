import { errorClassProblems } from "@cat-harvest/errors";
import { expect, test } from "vitest";
import { DownloaderError, DownloadJobError, DuplicateHookError } from "./index.js";

test("every exported error class has a marker of its own", async () => {
  expect(errorClassProblems(await import("./index.js"))).toEqual([]);
});

test("each class's isInstance matches it and its subclasses, not its siblings or its base", () => {
  const job = new DownloadJobError("http-503", "GET x answered 503", { url: "http://x/", key: "k.jpg", status: 503 });
  const hook = new DuplicateHookError("k.jpg", new Error("db down"));
  expect([DownloaderError.isInstance(job), DownloadJobError.isInstance(job), DuplicateHookError.isInstance(job)]).toEqual([true, true, false]);
  expect([DownloaderError.isInstance(hook), DownloadJobError.isInstance(hook), DuplicateHookError.isInstance(hook)]).toEqual([true, false, true]);
  expect(DownloadJobError.isInstance(new DownloaderError("base"))).toBe(false);
  expect(DownloadJobError.isInstance(Object.assign(new Error("x"), { name: "DownloadJobError" }))).toBe(false);
});
