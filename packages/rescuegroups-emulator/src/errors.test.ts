import { errorClassProblems } from "@cat-harvest/errors";
import { describe, expect, test } from "vitest";
import { RescueGroupsEmulatorError, RescueGroupsEmulatorListenError } from "./errors.js";

describe("emulator errors", () => {
  test("every exported error class has a marker of its own", async () => {
    expect(errorClassProblems(await import("./index.js"))).toEqual([]);
  });

  test("a port in use rejects with RescueGroupsEmulatorListenError", async () => {
    const { startRescueGroupsEmulator } = await import("./index.js");
    const first = await startRescueGroupsEmulator({ scale: 0.005 });
    try {
      const port = Number(new URL(first.url).port);
      const error = await startRescueGroupsEmulator({ scale: 0.005, port }).catch((e: unknown) => e);
      expect(RescueGroupsEmulatorListenError.isInstance(error)).toBe(true);
      expect(RescueGroupsEmulatorError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    } finally {
      await first.stop();
    }
  });
});
