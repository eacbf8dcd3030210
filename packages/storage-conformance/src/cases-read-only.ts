import { type StorageAdapter, StorageCapabilityError } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import { type SuiteContext, text } from "./suite-context.js";

/** The conformance cases of "read-only": the medium opened again with `readOnly: true` (needs `options.openReadOnly`). */
export function describeReadOnlyCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, openReadOnly, listAll, expectStored, expectMedium, caps } = context;
  const stored = new Map([
    ["metadata.jsonl", text('{"file_name":"Bengal/1-1.jpg"}\n')],
    ["Bengal/1-1.jpg", text("photo")],
  ]);
  /** A medium holding `stored`, closed, and the same medium opened read-only. */
  const storedThenReadOnly = async () => {
    const writer = await open();
    for (const [key, bytes] of stored) await writer.put(key, bytes);
    await writer.close();
    return { writer, reader: await openReadOnly!(writer) };
  };
  describe.skipIf(!openReadOnly)("read-only", () => {
    it("declares write: false and reads what was stored", async () => {
      const { reader } = await storedThenReadOnly();
      expect(reader.capabilities.write).toBe(false);
      expect(reader.capabilities.replace).toBe(false);
      for (const [key, bytes] of stored) await expectStored(reader, key, bytes);
      if (caps.list) expect((await listAll(reader)).map((info) => info.key)).toEqual(["Bengal/1-1.jpg", "metadata.jsonl"]);
      expect(await reader.stat("absent.txt")).toBeNull();
    });

    it("put, supersede and delete reject with StorageCapabilityError and change nothing on the medium", async () => {
      const { writer, reader } = await storedThenReadOnly();
      await expect(reader.put("new.txt", text("new"))).rejects.toBeInstanceOf(StorageCapabilityError);
      await expect(reader.put("metadata.jsonl", text("{}\n"), { supersede: true })).rejects.toBeInstanceOf(StorageCapabilityError);
      await expect(reader.delete("metadata.jsonl")).rejects.toBeInstanceOf(StorageCapabilityError);
      await expect(reader.delete("absent.txt")).rejects.toBeInstanceOf(StorageCapabilityError);
      for (const [key, bytes] of stored) await expectStored(reader, key, bytes);
      await reader.close();
      await expectMedium(writer, stored);
    });

    it("a stream body given to a read-only put is cancelled, not left waiting", async () => {
      const { reader } = await storedThenReadOnly();
      let cancelled: unknown;
      const body = new ReadableStream<Uint8Array>({
        cancel: (reason) => {
          cancelled = reason;
        },
      });
      const error = await reader.put("streamed.txt", body).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageCapabilityError);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(cancelled).toBe(error);
    });
  });
}
