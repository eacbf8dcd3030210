import { type StorageAdapter, StorageError, StorageKeyError } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import { HOSTILE_KEYS } from "./keys.js";
import { type SuiteContext, text } from "./suite-context.js";
import { chunkedStream } from "./test-bodies.js";

/** The conformance cases of "hostile keys". */
export function describeHostileKeysCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, listAll, expectMedium, caps } = context;
  describe("hostile keys", () => {
    it.each(HOSTILE_KEYS.map(([key, problem]) => [problem, key]))("refuses a key with %s (%j) on every method and writes nothing", async (_problem, key) => {
      const adapter = await open();
      const refused = async (promise: Promise<unknown>) => {
        const error = await promise.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StorageKeyError);
        expect(StorageError.isInstance(error)).toBe(true);
      };
      await refused(adapter.put(key, text("evil")));
      await refused(adapter.put(key, chunkedStream(text("evil"))));
      await refused(adapter.stat(key));
      await refused(adapter.delete(key));
      if (caps.read) await refused(adapter.get(key));
      if (caps.list) expect(await listAll(adapter)).toEqual([]);
      await adapter.close();
      await expectMedium(adapter, new Map());
    });

    it.skipIf(!caps.list)("refuses a hostile list prefix", async () => {
      const adapter = await open();
      await expect(listAll(adapter, "../")).rejects.toBeInstanceOf(StorageKeyError);
      await expect(listAll(adapter, "/abs")).rejects.toBeInstanceOf(StorageKeyError);
    });
  });
}
