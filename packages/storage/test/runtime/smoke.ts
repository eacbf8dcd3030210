import assert from "node:assert/strict";
import { StorageKeyError, createMemoryStorage } from "@cat-harvest/storage";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

export const cases: SmokeCase[] = [
  {
    name: "storage: memory adapter round-trips a stream and refuses a hostile key",
    async fn() {
      const storage = createMemoryStorage();
      await storage.put("Bengal/1-1.jpg", new Response("meow").body!);
      assert.equal(await new Response(await storage.get("Bengal/1-1.jpg")).text(), "meow");
      await assert.rejects(storage.put("../x", new Uint8Array()), StorageKeyError);
    },
  },
];
