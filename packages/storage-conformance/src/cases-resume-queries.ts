import { type StorageAdapter, StorageCapabilityError, type StoredObjectInfo } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import { keyAndSize, type SuiteContext, text } from "./suite-context.js";
import { chunkedStream, patternBytes, readBytes, sameBytes } from "./test-bodies.js";

/** The conformance cases of "queries for resume". */
export function describeResumeQueriesCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, openAgain, listAll, caps, reopen } = context;
  describe("queries for resume", () => {
    it("answers null, null and false for a key never stored", async () => {
      const adapter = await open();
      await adapter.put("present.txt", text("x"));
      expect(await adapter.stat("absent.txt")).toBeNull();
      expect(await adapter.stat("present.txt/child")).toBeNull();
      if (caps.read) expect(await adapter.get("absent.txt")).toBeNull();
      expect(await adapter.delete("absent.txt")).toBe(false);
    });

    it("does not report a folder as an object", async () => {
      const adapter = await open();
      await adapter.put("Bengal/1-1.jpg", text("x"));
      expect(await adapter.stat("Bengal")).toBeNull();
      if (caps.read) expect(await adapter.get("Bengal")).toBeNull();
    });

    it.skipIf(!caps.list)("lists by string prefix, with sizes", async () => {
      const adapter = await open();
      const sizes: Record<string, number> = {
        "Bengal/1-1.jpg": 3,
        "Bengal/2-1.jpg": 5,
        "Bengal2/1-1.jpg": 7,
        "Bengalese.txt": 11,
        "Siamese/1-1.jpg": 13,
        "top.jsonl": 17,
      };
      for (const [key, size] of Object.entries(sizes)) await adapter.put(key, patternBytes(size));
      const expectList = async (prefix: string | undefined, keys: string[]) =>
        expect(await listAll(adapter, prefix), `list(${JSON.stringify(prefix)})`).toEqual(keys.sort().map((key) => ({ key, size: sizes[key] })));
      await expectList(undefined, Object.keys(sizes));
      await expectList("", Object.keys(sizes));
      await expectList("Bengal/", ["Bengal/1-1.jpg", "Bengal/2-1.jpg"]);
      await expectList("Bengal", ["Bengal/1-1.jpg", "Bengal/2-1.jpg", "Bengal2/1-1.jpg", "Bengalese.txt"]);
      await expectList("Bengal/2", ["Bengal/2-1.jpg"]);
      await expectList("Nope/", []);
      await expectList("top.jsonl", ["top.jsonl"]);
    });

    it.skipIf(caps.list)("rejects list with StorageCapabilityError", async () => {
      const adapter = await open();
      await expect(listAll(adapter)).rejects.toBeInstanceOf(StorageCapabilityError);
    });

    it.skipIf(caps.read)("rejects get with StorageCapabilityError", async () => {
      const adapter = await open();
      await adapter.put("a.txt", text("a"));
      await expect(adapter.get("a.txt")).rejects.toBeInstanceOf(StorageCapabilityError);
    });

    it.skipIf(!reopen)("a reopened medium sees what was stored before close, for resume", async () => {
      const adapter = await open();
      const objects = new Map([
        ["Bengal/1-1.jpg", patternBytes(1_234, 5)],
        ["Maine Coon/2-1.jpg", patternBytes(99, 6)],
        ["metadata.jsonl", text('{"file_name":"Bengal/1-1.jpg"}\n')],
      ]);
      for (const [key, bytes] of objects) await adapter.put(key, chunkedStream(bytes, { chunkSize: 100 }));
      await adapter.close();
      const again = await openAgain(adapter);
      for (const [key, bytes] of objects) expect(keyAndSize(await again.stat(key))).toEqual({ key, size: bytes.byteLength });
      expect(await again.stat("Bengal/2-1.jpg")).toBeNull();
      if (again.capabilities.list) {
        const listed: StoredObjectInfo[] = [];
        for await (const info of again.list()) listed.push({ key: info.key, size: info.size });
        expect(listed.sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual(
          [...objects].map(([key, b]) => ({ key, size: b.byteLength })).sort((a, b) => (a.key < b.key ? -1 : 1)),
        );
      }
      if (again.capabilities.read) {
        const body = await again.get("Bengal/1-1.jpg");
        expect(sameBytes(body && (await readBytes(body)), objects.get("Bengal/1-1.jpg")!)).toBe(true);
      }
    });
  });
}
