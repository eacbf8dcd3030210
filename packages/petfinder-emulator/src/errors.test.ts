import { errorClassProblems } from "@cat-harvest/errors";
import { describe, expect, test } from "vitest";
import { EmulatorError, EmulatorListenError } from "./errors.js";

describe("emulator errors", () => {
  test("every exported error class has a marker of its own", async () => {
    expect(errorClassProblems(await import("./index.js"))).toEqual([]);
  });

  test("EmulatorListenError.isInstance matches it, EmulatorError.isInstance its whole family", () => {
    const error = new EmulatorListenError("127.0.0.1", 80, { cause: new Error("EACCES") });
    expect(EmulatorListenError.isInstance(error)).toBe(true);
    expect(EmulatorError.isInstance(error)).toBe(true);
    expect(EmulatorListenError.isInstance(new EmulatorError("x"))).toBe(false);
    expect(error.message).toContain("127.0.0.1:80: EACCES");
  });
});
