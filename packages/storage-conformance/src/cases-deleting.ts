import { type StorageAdapter, StorageCapabilityError } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import { type SuiteContext, text } from "./suite-context.js";
import { chunkedStream } from "./test-bodies.js";

/** The conformance cases of "deleting". */
export function describeDeletingCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, listAll, expectStored, expectMedium, caps } = context;
  describe("deleting", () => {
    it("deletes the object put last", async () => {
      const adapter = await open();
      await adapter.put("a.txt", text("a"));
      await adapter.put("b/c.txt", text("bc"));
      expect(await adapter.delete("b/c.txt")).toBe(true);
      expect(await adapter.stat("b/c.txt")).toBeNull();
      expect(await adapter.delete("b/c.txt")).toBe(false);
      await expectStored(adapter, "a.txt", text("a"));
      if (caps.list) expect(await listAll(adapter)).toEqual([{ key: "a.txt", size: 1 }]);
      await adapter.close();
      await expectMedium(adapter, new Map([["a.txt", text("a")]]));
    });

    it("stores a key again after deleting it", async () => {
      const adapter = await open();
      await adapter.put("again.txt", text("one"));
      expect(await adapter.delete("again.txt")).toBe(true);
      await adapter.put("again.txt", chunkedStream(text("two!")));
      await expectStored(adapter, "again.txt", text("two!"));
    });

    it("deletes an earlier object, or refuses with StorageCapabilityError and keeps it", async () => {
      const adapter = await open();
      await adapter.put("first.txt", text("1"));
      await adapter.put("second.txt", text("22"));
      const outcome = await adapter.delete("first.txt").catch((e: unknown) => e);
      if (outcome === true) {
        expect(await adapter.stat("first.txt")).toBeNull();
      } else {
        expect(outcome).toBeInstanceOf(StorageCapabilityError);
        await expectStored(adapter, "first.txt", text("1"));
      }
      await expectStored(adapter, "second.txt", text("22"));
    });
  });
}
