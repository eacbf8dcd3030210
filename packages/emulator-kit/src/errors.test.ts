import { errorClassProblems } from "@cat-harvest/errors";
import { describe, expect, test } from "vitest";
import { CliUsageError } from "./cli-flags.js";

describe("errors", () => {
  test("every exported error class has a marker of its own", async () => {
    expect(errorClassProblems(await import("./index.js"))).toEqual([]);
  });

  test("CliUsageError names the flag and is recognised across copies", () => {
    const error = new CliUsageError("port", "--port must be an integer");
    expect([CliUsageError.isInstance(error), error.flag, error.name]).toEqual([true, "port", "CliUsageError"]);
  });
});
