import { errorClassProblems } from "@cat-harvest/errors";
import { expect, test } from "vitest";
import { QueueConnectionError, QueueError, QueueJobDataError, QueueSecretError } from "./index.js";

test("every exported error class has a marker of its own", async () => {
  expect(errorClassProblems(await import("./index.js"))).toEqual([]);
});

test("each class's isInstance matches it and its subclasses, not its siblings", () => {
  const secret = new QueueSecretError("apiKey", "is named like a credential");
  const data = new QueueJobDataError("j", "holds no shard data");
  expect([QueueError.isInstance(secret), QueueSecretError.isInstance(secret), QueueJobDataError.isInstance(secret)]).toEqual([true, true, false]);
  expect([QueueError.isInstance(data), QueueSecretError.isInstance(data), QueueConnectionError.isInstance(data)]).toEqual([true, false, false]);
});
