import type { StorageAdapter, StoredObjectInfo } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import { keyAndSize, type SuiteContext, text } from "./suite-context.js";

/** The conformance cases of "stamps" (`StoredObjectInfo.stamp`) and "append", for adapters that have them. */
export function describeStampCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, openAgain, caps, reopen } = context;
  const listed = async (adapter: StorageAdapter, key: string): Promise<StoredObjectInfo | undefined> => {
    for await (const info of adapter.list(key)) if (info.key === key) return info;
    return undefined;
  };
  describe("stamps", () => {
    it("stat and list give one key the same stamp, a string when there is one", async () => {
      const adapter = await open();
      await adapter.put("Bengal/1-1.jpg", text("abc"));
      const stat = await adapter.stat("Bengal/1-1.jpg");
      if (stat?.stamp === undefined) return;
      expect(typeof stat.stamp).toBe("string");
      if (caps.list) expect((await listed(adapter, "Bengal/1-1.jpg"))?.stamp).toBe(stat.stamp);
      if (reopen) {
        await adapter.close();
        const again = await openAgain(adapter);
        expect((await again.stat("Bengal/1-1.jpg"))?.stamp, "a reopened medium keeps the stamp").toBe(stat.stamp);
      }
    });

    it.skipIf(!caps.replace)("a put that replaces an object with other bytes of the same size changes its stamp", async () => {
      const adapter = await open();
      await adapter.put("a.jpg", text("first"));
      const before = await adapter.stat("a.jpg");
      if (before?.stamp === undefined) return;
      await adapter.put("a.jpg", text("other"));
      const after = await adapter.stat("a.jpg");
      expect(after?.size).toBe(before.size);
      expect(after?.stamp).not.toBe(before.stamp);
    });
  });

  describe("append", () => {
    it("adds bytes at the end, creating the object, when the adapter can append", async () => {
      const adapter = await open();
      if (!adapter.append) return;
      await adapter.append("journal.jsonl", text("one\n"));
      await adapter.append("journal.jsonl", text("two\n"));
      expect(keyAndSize(await adapter.stat("journal.jsonl"))).toEqual({ key: "journal.jsonl", size: 8 });
      if (caps.read) expect(await new Response(await adapter.get("journal.jsonl")).text()).toBe("one\ntwo\n");
    });
  });
}
