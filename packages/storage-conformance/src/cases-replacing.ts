import { type StorageAdapter, StorageKeyExistsError } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import { type SuiteContext, text } from "./suite-context.js";
import { chunkedStream } from "./test-bodies.js";

/** The conformance cases of "replacing". */
export function describeReplacingCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, listAll, expectStored, expectMedium, caps } = context;
  describe("replacing", () => {
    it.skipIf(!caps.replace)("a put on a stored key replaces it", async () => {
      const adapter = await open();
      await adapter.put("a.txt", text("first version, longer"));
      await adapter.put("a.txt", chunkedStream(text("second")));
      await expectStored(adapter, "a.txt", text("second"));
      if (caps.list) expect(await listAll(adapter)).toEqual([{ key: "a.txt", size: 6 }]);
      await adapter.close();
      await expectMedium(adapter, new Map([["a.txt", text("second")]]));
    });

    it.skipIf(caps.replace)("a put on a stored key rejects with StorageKeyExistsError and keeps the first", async () => {
      const adapter = await open();
      await adapter.put("a.txt", text("first"));
      const error = await adapter.put("a.txt", text("second")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageKeyExistsError);
      expect((error as StorageKeyExistsError).key).toBe("a.txt");
      await expectStored(adapter, "a.txt", text("first"));
      await adapter.close();
      await expectMedium(adapter, new Map([["a.txt", text("first")]]));
    });
  });
}
