import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireLock, LOCK_KEY } from "@cat-harvest/storage";
import { describeLockStore } from "@cat-harvest/storage-conformance";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createFileLock, createFsLock } from "./index.js";

let base: string;
let counter = 0;
const freshRoot = () => join(base, `root-${counter++}`);

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-fs-lock-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describeLockStore("fs (a folder's cat-harvest.lock)", () => createFsLock({ root: freshRoot() }));
describeLockStore("fs (a file beside an archive)", () => createFileLock(join(freshRoot(), "cats.tar.gz.lock")));

describe("createFsLock", () => {
  test("holds the lock in DEST/cat-harvest.lock, a top-level file, and leaves no other file", async () => {
    const root = freshRoot();
    const store = createFsLock({ root });
    expect(store.location).toBe(join(root, LOCK_KEY));
    const lock = await acquireLock(store, { pid: process.pid, host: "host-a", heartbeatMs: 20, staleAfterMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 100)); // a few heartbeats
    expect(await readdir(root)).toEqual([LOCK_KEY]);
    await writeFile(join(root, "metadata.jsonl"), "");
    await lock.release();
    expect(await readdir(root)).toEqual(["metadata.jsonl"]);
  });

  test("a folder the lock made is removed on release when nothing was stored in it, and a folder that was there stays", async () => {
    const made = join(freshRoot(), "new");
    const lock = await acquireLock(createFsLock({ root: made }), { pid: process.pid, host: "host-a" });
    expect((await stat(made)).isDirectory()).toBe(true);
    await lock.release();
    await expect(stat(made)).rejects.toThrow(/ENOENT/);

    const existing = freshRoot();
    await mkdir(existing);
    await acquireLock(createFsLock({ root: existing }), { pid: process.pid, host: "host-a" }).then((held) => held.release());
    await acquireLock(createFsLock({ root: existing }), { pid: process.pid, host: "host-a" }).then((held) => held.release());
    expect(await readdir(base)).toContain(existing.slice(base.length + 1));
  });

  test("refuses a root that is not a string", () => {
    expect(() => createFsLock({ root: "" })).toThrow(TypeError);
  });
});
