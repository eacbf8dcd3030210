import type { StorageAdapter } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import { FRIENDLY_KEYS } from "./keys.js";
import { type SuiteContext, text } from "./suite-context.js";
import { chunkedStream, patternBytes } from "./test-bodies.js";

/** The conformance cases of "round trips". */
export function describeRoundTripsCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, listAll, expectStored, expectMedium, caps, largeSize } = context;
  describe("round trips", () => {
    it("stores bytes and reports their size", async () => {
      const adapter = await open();
      const bytes = text("meow");
      await adapter.put("cat.txt", bytes);
      await expectStored(adapter, "cat.txt", bytes);
      await adapter.close();
      await expectMedium(adapter, new Map([["cat.txt", bytes]]));
    });

    it("stores an empty body", async () => {
      const adapter = await open();
      await adapter.put("empty.bin", new Uint8Array(0));
      await expectStored(adapter, "empty.bin", new Uint8Array(0));
      await adapter.close();
      await expectMedium(adapter, new Map([["empty.bin", new Uint8Array(0)]]));
    });

    it("keeps what it stored when the caller changes its byte array afterwards", async () => {
      const adapter = await open();
      const bytes = text("purr");
      const original = bytes.slice();
      await adapter.put("changed.txt", bytes);
      bytes.fill(0);
      await expectStored(adapter, "changed.txt", original);
      await adapter.close();
    });

    it("stores a stream of many chunks with its size given", async () => {
      const adapter = await open();
      const bytes = patternBytes(200_003, 2);
      await adapter.put("Bengal/sized.jpg", chunkedStream(bytes, { chunkSize: 7_001 }), { size: bytes.byteLength, contentType: "image/jpeg" });
      await expectStored(adapter, "Bengal/sized.jpg", bytes);
      await adapter.close();
      await expectMedium(adapter, new Map([["Bengal/sized.jpg", bytes]]));
    });

    it(`stores a ${largeSize}-byte stream of unknown length`, async () => {
      const adapter = await open();
      const bytes = patternBytes(largeSize, 3);
      await adapter.put("large/unknown-length.bin", chunkedStream(bytes, { chunkSize: 65_536 }));
      await expectStored(adapter, "large/unknown-length.bin", bytes);
      await adapter.close();
      await expectMedium(adapter, new Map([["large/unknown-length.bin", bytes]]));
    });

    it("stores a Response body, as the downloader passes it", async () => {
      const adapter = await open();
      const bytes = patternBytes(5_000, 4);
      await adapter.put("Siamese/9-1.jpg", new Response(bytes).body!);
      await expectStored(adapter, "Siamese/9-1.jpg", bytes);
    });

    it.each(FRIENDLY_KEYS.map((key) => [key]))("stores and lists the key %j exactly as given", async (key) => {
      const adapter = await open();
      const bytes = text(`body of ${key}`);
      await adapter.put(key, bytes);
      await expectStored(adapter, key, bytes);
      if (caps.list) expect(await listAll(adapter)).toEqual([{ key, size: bytes.byteLength }]);
    });
  });
}
