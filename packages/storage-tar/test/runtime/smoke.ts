import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StorageKeyExistsError } from "@cat-harvest/storage";
import { createTarStorage } from "@cat-harvest/storage-tar";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

export const cases: SmokeCase[] = [
  {
    name: "storage-tar: writes a small .tar.gz, reopens it, lists and reads it, and GNU tar agrees",
    async fn() {
      const dir = await mkdtemp(join(tmpdir(), "storage-tar-smoke-"));
      try {
        const path = join(dir, "cats.tar.gz");
        const storage = createTarStorage({ path });
        await Promise.all([
          storage.put("Bengal/1-1.jpg", new Response("meow").body!, { size: 4 }),
          storage.put("Ragdoll/ünïcødé 猫.jpg", new Response("purr purr").body!),
          storage.put("metadata.jsonl", new TextEncoder().encode('{"n":1}\n')),
        ]);
        await storage.close();

        const again = createTarStorage({ path });
        const listed: string[] = [];
        for await (const info of again.list()) listed.push(`${info.key}:${info.size}`);
        assert.deepEqual(listed.sort(), ["Bengal/1-1.jpg:4", "Ragdoll/ünïcødé 猫.jpg:9", "metadata.jsonl:8"]);
        assert.equal(await new Response(await again.get("Ragdoll/ünïcødé 猫.jpg")).text(), "purr purr");
        await assert.rejects(again.put("Bengal/1-1.jpg", new Uint8Array(1)), StorageKeyExistsError);
        await again.close();

        const names = execFileSync("tar", ["-tzf", path], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
          env: { LC_ALL: "C.UTF-8", PATH: "/usr/bin:/bin" },
        });
        assert.deepEqual(names.trim().split("\n").sort(), ["Bengal/1-1.jpg", "Ragdoll/ünïcødé 猫.jpg", "metadata.jsonl"]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
];
