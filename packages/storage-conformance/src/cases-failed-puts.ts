import type { StorageAdapter } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import { type SuiteContext, text } from "./suite-context.js";
import { chunkedStream, erroringStream, patternBytes, stallingStream } from "./test-bodies.js";
import { causeChain } from "./cause-chain.js";

/** The conformance cases of "failed puts store nothing". */
export function describeFailedPutsCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, listAll, expectStored, expectMedium, caps } = context;
  describe("failed puts store nothing", () => {
    it("a put whose signal aborts mid-stream rejects with the signal's reason and stores nothing", async () => {
      const adapter = await open();
      const controller = new AbortController();
      const reason = new Error("stop this download");
      const body = stallingStream(patternBytes(100_000, 7), () => controller.abort(reason));
      await expect(adapter.put("Bengal/aborted.jpg", body, { signal: controller.signal })).rejects.toBe(reason);
      expect(await adapter.stat("Bengal/aborted.jpg")).toBeNull();
      if (caps.read) expect(await adapter.get("Bengal/aborted.jpg")).toBeNull();
      if (caps.list) expect(await listAll(adapter)).toEqual([]);
      await adapter.put("Bengal/after.jpg", text("still works"));
      await expectStored(adapter, "Bengal/after.jpg", text("still works"));
      await adapter.close();
      await expectMedium(adapter, new Map([["Bengal/after.jpg", text("still works")]]));
    });

    it("a put whose signal is already aborted rejects with its reason and stores nothing", async () => {
      const adapter = await open();
      const reason = new Error("aborted before start");
      await expect(adapter.put("early.bin", text("bytes"), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
      await expect(adapter.put("early2.bin", chunkedStream(text("bytes")), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
      expect(await adapter.stat("early.bin")).toBeNull();
      expect(await adapter.stat("early2.bin")).toBeNull();
      await adapter.close();
      await expectMedium(adapter, new Map());
    });

    it("a put whose stream errors rejects and stores nothing", async () => {
      const adapter = await open();
      const failure = new Error("connection reset by the photo server");
      const error = await adapter.put("Bengal/broken.jpg", erroringStream(patternBytes(100_000, 8), failure)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, "put rejects").toBeDefined();
      expect(causeChain(error), "the stream's error is the rejection or in its cause chain").toContain(failure);
      expect(await adapter.stat("Bengal/broken.jpg")).toBeNull();
      if (caps.read) expect(await adapter.get("Bengal/broken.jpg")).toBeNull();
      if (caps.list) expect(await listAll(adapter)).toEqual([]);
      await adapter.put("Bengal/next.jpg", text("next"));
      await adapter.close();
      await expectMedium(adapter, new Map([["Bengal/next.jpg", text("next")]]));
    });

    it("a stream that errors before its first chunk stores nothing", async () => {
      const adapter = await open();
      const failure = new Error("refused at once");
      await expect(adapter.put("zero.bin", erroringStream(new Uint8Array(0), failure))).rejects.toBeDefined();
      expect(await adapter.stat("zero.bin")).toBeNull();
      await adapter.close();
      await expectMedium(adapter, new Map());
    });

    it.skipIf(!caps.replace)("a failed put on a stored key keeps the stored object", async () => {
      const adapter = await open();
      const original = patternBytes(3_000, 9);
      await adapter.put("Bengal/1-1.jpg", original);
      await expect(adapter.put("Bengal/1-1.jpg", erroringStream(patternBytes(50_000, 10), new Error("boom")))).rejects.toBeDefined();
      const controller = new AbortController();
      await expect(
        adapter.put(
          "Bengal/1-1.jpg",
          stallingStream(patternBytes(50_000, 11), () => controller.abort(new Error("cancelled"))),
          { signal: controller.signal },
        ),
      ).rejects.toThrow("cancelled");
      await expectStored(adapter, "Bengal/1-1.jpg", original);
      await adapter.close();
      await expectMedium(adapter, new Map([["Bengal/1-1.jpg", original]]));
    });
  });
}
