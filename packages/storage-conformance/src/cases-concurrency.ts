import type { StorageAdapter } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import type { SuiteContext } from "./suite-context.js";
import { chunkedStream, patternBytes } from "./test-bodies.js";

/** The conformance cases of "concurrency". */
export function describeConcurrencyCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, listAll, expectStored, expectMedium, caps, concurrency, options } = context;
  describe("concurrency", () => {
    it(`runs ${concurrency} interleaved puts at once without mixing their bytes`, async () => {
      const adapter = await open();
      const objects = new Map<string, Uint8Array>();
      for (let i = 0; i < concurrency; i++) objects.set(`Breed ${i % 3}/${i}-1.jpg`, patternBytes(20_000 + i * 1_013, 10 + i));
      await Promise.all([...objects].map(([key, bytes]) => adapter.put(key, chunkedStream(bytes, { chunkSize: 4_096, yieldBetweenChunks: true }))));
      for (const [key, bytes] of objects) await expectStored(adapter, key, bytes);
      if (caps.list)
        expect(await listAll(adapter)).toEqual([...objects].map(([key, b]) => ({ key, size: b.byteLength })).sort((a, b) => (a.key < b.key ? -1 : 1)));
      await adapter.close();
      await expectMedium(adapter, objects);
    });

    it.skipIf(!caps.replace || options.isolatesConcurrentPutsOnOneKey === false)("concurrent puts on one key leave one of the bodies, whole", async () => {
      const adapter = await open();
      const bodies = [patternBytes(40_000, 31), patternBytes(55_000, 32), patternBytes(30_000, 33)];
      await Promise.all(bodies.map((bytes) => adapter.put("same.jpg", chunkedStream(bytes, { chunkSize: 4_096, yieldBetweenChunks: true }))));
      const info = await adapter.stat("same.jpg");
      const winner = bodies.find((bytes) => bytes.byteLength === info?.size);
      expect(winner, "stat reports the size of one of the bodies").toBeDefined();
      await expectStored(adapter, "same.jpg", winner!);
      await adapter.close();
      await expectMedium(adapter, new Map([["same.jpg", winner!]]));
    });
  });
}
