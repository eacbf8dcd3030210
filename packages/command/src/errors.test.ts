import { errorClassProblems } from "@cat-harvest/errors";
import { expect, test } from "vitest";
import { CommandError, CommandUsageError } from "./errors.js";

test("every exported error class has its own marker", async () => {
  expect(errorClassProblems(await import("./index.js"))).toEqual([]);
});

test("isInstance tells the subclasses apart", () => {
  const error: unknown = new CommandUsageError("cap", "--cap must be a whole number");
  expect(CommandError.isInstance(error)).toBe(true);
  expect(CommandUsageError.isInstance(new CommandError("other"))).toBe(false);
});
