import { type StorageAdapter, StorageClosedError } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import { keyAndSize, type SuiteContext, text } from "./suite-context.js";
import { chunkedStream, manualStream, patternBytes } from "./test-bodies.js";

/** The conformance cases of "close". */
export function describeCloseCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, openAgain, expectMedium, reopen } = context;
  describe("close", () => {
    it("can be called twice, and put and delete reject with StorageClosedError after it", async () => {
      const adapter = await open();
      await adapter.put("a.txt", text("a"));
      await adapter.close();
      await adapter.close();
      await expect(adapter.put("b.txt", text("b"))).rejects.toBeInstanceOf(StorageClosedError);
      await expect(adapter.put("c.txt", chunkedStream(text("c")))).rejects.toBeInstanceOf(StorageClosedError);
      await expect(adapter.delete("a.txt")).rejects.toBeInstanceOf(StorageClosedError);
      await expectMedium(adapter, new Map([["a.txt", text("a")]]));
    });

    it("finalises: every put that resolved before close is on the medium, whole", async () => {
      const adapter = await open();
      const objects = new Map([
        ["metadata.jsonl", text('{"a":1}\n{"a":2}\n')],
        ["Bengal/1-1.jpg", patternBytes(70_000, 12)],
        ["Siamese/2-1.jpg", patternBytes(1, 13)],
      ]);
      for (const [key, bytes] of objects) await adapter.put(key, chunkedStream(bytes, { chunkSize: 10_000 }));
      await adapter.close();
      await expectMedium(adapter, objects);
      if (reopen) {
        const again = await openAgain(adapter);
        for (const [key, bytes] of objects) expect(keyAndSize(await again.stat(key))).toEqual({ key, size: bytes.byteLength });
      }
    });

    it("a put still streaming when close is called either completes whole or stores nothing", async () => {
      const adapter = await open();
      const bytes = patternBytes(30_000, 14);
      const { stream, push, end } = manualStream();
      push(bytes.slice(0, 10_000));
      const put = adapter.put("in-flight.bin", stream).then(
        () => "stored" as const,
        () => "rejected" as const,
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      const closing = adapter.close();
      push(bytes.slice(10_000));
      end();
      const [outcome] = await Promise.all([put, closing]);
      const expected = outcome === "stored" ? new Map([["in-flight.bin", bytes]]) : new Map<string, Uint8Array>();
      await expectMedium(adapter, expected);
      if (reopen) {
        const again = await openAgain(adapter);
        expect(keyAndSize(await again.stat("in-flight.bin"))).toEqual(outcome === "stored" ? { key: "in-flight.bin", size: bytes.byteLength } : null);
      }
    });
  });
}
