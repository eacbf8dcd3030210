import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { describe, expect, test } from "vitest";
import { isProcessAlive, runtimeIdentity } from "./runtime-identity.js";

describe("runtimeIdentity", () => {
  test("names this process, its host and (on Linux) this boot", async () => {
    const identity = await runtimeIdentity();
    expect(identity).toMatchObject({ pid: process.pid, host: hostname() });
    if (process.platform === "linux") expect(identity.bootId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("tells a live process from one that is gone", () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    const child = spawnSync(process.execPath, ["-e", "process.pid"]);
    expect(child.status).toBe(0);
    expect(isProcessAlive(child.pid!)).toBe(false);
  });
});
