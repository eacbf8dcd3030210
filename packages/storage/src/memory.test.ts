import { describe, expect, test } from "vitest";
import { StorageClosedError, StorageError, StorageKeyError, checkPutArguments, collectBody, concatChunks, createMemoryStorage } from "./index.js";

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
    expect(await storage.stat("a/b.txt")).toEqual({ key: "a/b.txt", size: 5, stamp: expect.any(String) });
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

describe("collectBody", () => {
  test("refuses a stream longer than maxBytes with the caller's error and cancels it", async () => {
    let cancelled: unknown;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(4));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const error = new Error("too big");
    await expect(collectBody(body, undefined, { maxBytes: 10, tooLarge: () => error })).rejects.toBe(error);
    expect(cancelled).toBe(error);
  });

  test("joins chunks in order", async () => {
    expect([...(await collectBody(streamOf("ab", "c")))]).toEqual([97, 98, 99]);
    expect([...concatChunks([new Uint8Array([1]), new Uint8Array([2, 3])])]).toEqual([1, 2, 3]);
  });
});

describe("checkPutArguments", () => {
  test.each([
    ["a body that is neither stream nor bytes", "x.jpg", "text" as unknown as Uint8Array, undefined, TypeError],
    ["a negative size", "x.jpg", new Uint8Array(), { size: -1 }, TypeError],
    ["a fractional size", "x.jpg", new Uint8Array(), { size: 1.5 }, TypeError],
    ["a hostile key", "../x.jpg", new Uint8Array(), undefined, StorageKeyError],
  ])("refuses %s", (_what, key, body, options, kind) => {
    expect(() => checkPutArguments("test", key, body, options)).toThrow(kind);
  });

  test("returns a good key", () => {
    expect(checkPutArguments("test", "Bengal/1-1.jpg", new Uint8Array(), { size: 0 })).toBe("Bengal/1-1.jpg");
  });
});
