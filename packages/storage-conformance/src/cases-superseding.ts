import type { StorageAdapter } from "@cat-harvest/storage";
import { describe, expect, it } from "vitest";
import { keyAndSize, type SuiteContext, text } from "./suite-context.js";
import { chunkedStream } from "./test-bodies.js";

/** The conformance cases of "superseding": `put(key, body, { supersede: true })` on a stored key. */
export function describeSupersedingCases<A extends StorageAdapter>(context: SuiteContext<A>): void {
  const { open, openAgain, listAll, expectStored, expectMedium, caps, reopen } = context;
  describe("superseding", () => {
    it("a supersede put on a stored key makes its body the one stat, get and list answer, also after reopening", async () => {
      const adapter = await open();
      await adapter.put("metadata.jsonl", text('{"n":1}\n'));
      await adapter.put("Bengal/1-1.jpg", text("photo"));
      await adapter.put("metadata.jsonl", chunkedStream(text('{"n":1}\n{"n":2}\n'), { chunkSize: 3 }), { supersede: true });
      await expectStored(adapter, "metadata.jsonl", text('{"n":1}\n{"n":2}\n'));
      if (caps.list) {
        expect(await listAll(adapter)).toEqual([
          { key: "Bengal/1-1.jpg", size: 5 },
          { key: "metadata.jsonl", size: 16 },
        ]);
      }
      await adapter.close();
      const expected = new Map([
        ["Bengal/1-1.jpg", text("photo")],
        ["metadata.jsonl", text('{"n":1}\n{"n":2}\n')],
      ]);
      await expectMedium(adapter, expected);
      if (reopen) {
        const again = await openAgain(adapter);
        expect(keyAndSize(await again.stat("metadata.jsonl"))).toEqual({ key: "metadata.jsonl", size: 16 });
      }
    });

    it("a supersede put of the bytes already stored, or of a new key, stores that body once", async () => {
      const adapter = await open();
      await adapter.put("same.txt", text("unchanged"));
      await adapter.put("same.txt", chunkedStream(text("unchanged"), { chunkSize: 4 }), { supersede: true, size: 9 });
      await adapter.put("new.txt", text("new"), { supersede: true });
      await expectStored(adapter, "same.txt", text("unchanged"));
      await expectStored(adapter, "new.txt", text("new"));
      if (caps.list) expect((await listAll(adapter)).map((info) => info.key)).toEqual(["new.txt", "same.txt"]);
      await adapter.close();
      await expectMedium(
        adapter,
        new Map([
          ["new.txt", text("new")],
          ["same.txt", text("unchanged")],
        ]),
      );
    });
  });
}
