import { describe, expect, test } from "vitest";
import { StorageClosedError, StorageError, StorageKeyError, createMemoryStorage } from "./index.js";

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk));
      c.close();
    },
  });

describe("createMemoryStorage", () => {
  test("stores a stream and reads it back", async () => {
    const storage = createMemoryStorage();
    await storage.put("a/b.txt", streamOf("he", "llo"));
    expect(await storage.stat("a/b.txt")).toEqual({ key: "a/b.txt", size: 5 });
    expect(await new Response(await storage.get("a/b.txt")).text()).toBe("hello");
    expect(await storage.get("missing")).toBeNull();
  });

  test("an aborted put stores nothing and rejects with the signal's reason", async () => {
    const storage = createMemoryStorage();
    const controller = new AbortController();
    const reason = new Error("stop");
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(10));
        controller.abort(reason);
      },
    });
    await expect(storage.put("x.bin", body, { signal: controller.signal })).rejects.toBe(reason);
    expect(await storage.stat("x.bin")).toBeNull();
  });

  test("keeps a copy of a byte array, so changing it afterwards changes nothing stored", async () => {
    const storage = createMemoryStorage();
    const bytes = new Uint8Array([1, 2, 3]);
    await storage.put("a.bin", bytes);
    bytes[0] = 9;
    expect([...storage.objects.get("a.bin")!]).toEqual([1, 2, 3]);
  });

  test("lists by prefix, deletes, and refuses work after close", async () => {
    const storage = createMemoryStorage();
    await storage.put("Bengal/1-1.jpg", new Uint8Array([1]));
    await storage.put("Siamese/2-1.jpg", new Uint8Array([1, 2]));
    const keys: string[] = [];
    for await (const info of storage.list("Bengal/")) keys.push(info.key);
    expect(keys).toEqual(["Bengal/1-1.jpg"]);
    expect(await storage.delete("Bengal/1-1.jpg")).toBe(true);
    expect(await storage.delete("Bengal/1-1.jpg")).toBe(false);
    await storage.close();
    await expect(storage.put("c.jpg", new Uint8Array())).rejects.toBeInstanceOf(StorageClosedError);
  });

  test("errors are recognisable across copies by marker", async () => {
    const storage = createMemoryStorage();
    const error = await storage.put("../x", new Uint8Array()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageKeyError);
    expect(StorageError.isInstance(error)).toBe(true);
    expect(StorageError.isInstance(new Error("x"))).toBe(false);
  });
});
