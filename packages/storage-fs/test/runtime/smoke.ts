import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StorageKeyError } from "@cat-harvest/storage";
import { createFsStorage } from "@cat-harvest/storage-fs";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

const withTempDir = async (fn: (dir: string) => Promise<void>) => {
  const dir = await mkdtemp(join(tmpdir(), "cat-harvest-fs-smoke-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export const cases: SmokeCase[] = [
  {
    name: "storage-fs: round-trips a stream atomically, lists it, and cleans a killed run's temporary file",
    fn: () =>
      withTempDir(async (dir) => {
        const root = join(dir, "cat_breeds");
        await mkdir(join(root, "Bengal"), { recursive: true });
        await writeFile(join(root, "Bengal", ".9-1.jpg.0123456789ab.part"), "half");
        const storage = await createFsStorage({ root });
        assert.equal(storage.removedTemporaryFiles, 1);
        await storage.put("Bengal/1-1.jpg", new Response("meow").body!);
        await storage.put("metadata.jsonl", new TextEncoder().encode("{}\n"));
        const info = await storage.stat("Bengal/1-1.jpg");
        assert.deepEqual({ key: info?.key, size: info?.size }, { key: "Bengal/1-1.jpg", size: 4 });
        assert.equal(typeof info?.stamp, "string");
        assert.equal(await new Response(await storage.get("Bengal/1-1.jpg")).text(), "meow");
        const keys: string[] = [];
        for await (const info of storage.list()) keys.push(info.key);
        assert.deepEqual(keys.sort(), ["Bengal/1-1.jpg", "metadata.jsonl"]);
        assert.deepEqual(await readdir(join(root, "Bengal")), ["1-1.jpg"]);
        await storage.close();
        assert.equal(await readFile(join(root, "metadata.jsonl"), "utf8"), "{}\n");
      }),
  },
  {
    name: "storage-fs: an erroring stream stores nothing; hostile keys and symlink escapes are refused",
    fn: () =>
      withTempDir(async (dir) => {
        const storage = await createFsStorage({ root: join(dir, "root") });
        const failing = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new Uint8Array(1000));
            c.error(new Error("reset"));
          },
        });
        await assert.rejects(storage.put("Bengal/2-1.jpg", failing), /reset/);
        assert.equal(await storage.stat("Bengal/2-1.jpg"), null);
        assert.deepEqual(await readdir(join(storage.root, "Bengal")), []);
        await assert.rejects(storage.put("../x", new Uint8Array()), StorageKeyError);
        await mkdir(join(dir, "outside"));
        await symlink(join(dir, "outside"), join(storage.root, "Evil"));
        await assert.rejects(storage.put("Evil/x.jpg", new Uint8Array([1])), StorageKeyError);
        assert.deepEqual(await readdir(join(dir, "outside")), []);
        await storage.close();
      }),
  },
  {
    name: "storage-fs: fsync never writes whole bodies in one call, and remakes a folder removed behind its back",
    fn: () =>
      withTempDir(async (dir) => {
        const storage = await createFsStorage({ root: join(dir, "root"), fsync: "never" });
        const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
        await storage.put("Siamese/1.jpg", bytes, { size: bytes.byteLength });
        assert.deepEqual(new Uint8Array(await readFile(join(storage.root, "Siamese/1.jpg"))), bytes);
        await rm(join(storage.root, "Siamese"), { recursive: true });
        await storage.put("Siamese/2.jpg", bytes);
        assert.deepEqual(await readdir(join(storage.root, "Siamese")), ["2.jpg"]);
        await assert.rejects(storage.put("Siamese/3.jpg", bytes, { size: 1 }), /size|bytes/);
        assert.deepEqual(await readdir(join(storage.root, "Siamese")), ["2.jpg"]);
        await storage.close();
      }),
  },
];
