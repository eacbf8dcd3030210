import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireLock } from "@cat-harvest/storage";
import { describeLockStore } from "@cat-harvest/storage-conformance";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTarLock } from "../src/index.js";

let base: string;
let counter = 0;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-tar-lock-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describeLockStore("tar (a sidecar beside the archive)", () => createTarLock({ path: join(base, `archive-${counter++}.tar.gz`) }));

describe("createTarLock", () => {
  test("is the one sidecar cats.tar.gz.lock while held, and nothing once released", async () => {
    const folder = join(base, "sidecar");
    const lock = await acquireLock(createTarLock({ path: join(folder, "cats.tar.gz") }), { pid: process.pid, host: "host-a" });
    expect(lock.location).toBe(join(folder, "cats.tar.gz.lock"));
    expect(await readdir(folder)).toEqual(["cats.tar.gz.lock"]);
    await lock.release();
    expect(await readdir(folder)).toEqual([]);
  });

  test("refuses a missing path", () => {
    expect(() => createTarLock({ path: "" })).toThrow(TypeError);
  });
});
