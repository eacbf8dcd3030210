import { collectBody, createMemoryStorage, toStream, type MemoryStorage, type StorageAdapter } from "@cat-harvest/storage";
import { expect, test } from "vitest";
import { openBodySpool } from "./body-spool.js";

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

/** A memory storage that also reads ranges (as a folder does), counting its appends; `failAppend` makes the next append reject. */
function rangedMemory() {
  const storage: MemoryStorage = createMemoryStorage();
  const appends: number[] = [];
  const state = { failAppend: false };
  const medium: StorageAdapter = new Proxy(storage, {
    get(target, name, receiver) {
      if (name === "getRange") return async (key: string, start: number, end: number) => target.objects.get(key)?.slice(start, end) ?? null;
      if (name === "append")
        return async (key: string, data: Uint8Array) => {
          if (state.failAppend) throw new Error("disk full");
          appends.push(data.byteLength);
          return target.append!(key, data);
        };
      return Reflect.get(target, name, receiver);
    },
  });
  return { storage, medium, appends, state };
}

test("bodies put whole at once share appends to one file and each reads back as put, in any order", async () => {
  const { storage, medium, appends } = rangedMemory();
  const spool = openBodySpool(medium, "_spool/00000/abcd1234/");
  await Promise.all(Array.from({ length: 20 }, (_, i) => spool.storage.put(`_spool/00000/abcd1234/${i}`, bytes(100 + i, i))));
  expect([...storage.objects.keys()]).toEqual(["_spool/00000/abcd1234/bodies"]);
  expect(appends.length).toBeLessThan(20); // the ones that waited went together
  expect(appends.reduce((a, b) => a + b, 0)).toBe(storage.objects.get("_spool/00000/abcd1234/bodies")!.byteLength);
  for (const i of [19, 0, 7, 13]) expect(await spool.read(`_spool/00000/abcd1234/${i}`)).toEqual(bytes(100 + i, i));
  expect(await spool.storage.stat(`_spool/00000/abcd1234/3`)).toEqual({ key: `_spool/00000/abcd1234/3`, size: 103 });
  await spool.remove(Array.from({ length: 20 }, (_, i) => `_spool/00000/abcd1234/${i}`));
  expect(storage.objects.size).toBe(0);
  await expect(spool.read(`_spool/00000/abcd1234/0`)).rejects.toThrow(/is gone/);
});

test("a streamed body is stored as its own object and removed with the rest", async () => {
  const { storage, medium } = rangedMemory();
  const spool = openBodySpool(medium, "_spool/00001/00000000/");
  await spool.storage.put("_spool/00001/00000000/a", bytes(10, 1));
  await spool.storage.put("_spool/00001/00000000/b", toStream(bytes(30, 2)));
  expect([...storage.objects.keys()].sort()).toEqual(["_spool/00001/00000000/b", "_spool/00001/00000000/bodies"]);
  expect(await collectBody((await spool.read("_spool/00001/00000000/b")) as ReadableStream<Uint8Array>)).toEqual(bytes(30, 2));
  expect(await spool.read("_spool/00001/00000000/a")).toEqual(bytes(10, 1));
  await spool.remove(["_spool/00001/00000000/a", "_spool/00001/00000000/b"]);
  expect(storage.objects.size).toBe(0);
});

test("after a failed append every later put rejects, so no offset is ever guessed", async () => {
  const { medium, state } = rangedMemory();
  const spool = openBodySpool(medium, "_spool/00002/00000000/");
  await spool.storage.put("_spool/00002/00000000/a", bytes(5, 1));
  state.failAppend = true;
  await expect(spool.storage.put("_spool/00002/00000000/b", bytes(5, 2))).rejects.toThrow("disk full");
  state.failAppend = false;
  await expect(spool.storage.put("_spool/00002/00000000/c", bytes(5, 3))).rejects.toThrow("disk full");
  expect(await spool.read("_spool/00002/00000000/a")).toEqual(bytes(5, 1));
});

test("an aborted put stores nothing", async () => {
  const { storage, medium } = rangedMemory();
  const spool = openBodySpool(medium, "_spool/00003/00000000/");
  await expect(spool.storage.put("_spool/00003/00000000/a", bytes(5, 1), { signal: AbortSignal.abort(new Error("stop")) })).rejects.toThrow("stop");
  expect(storage.objects.size).toBe(0);
});

test("a medium without ranged reads (S3, memory) keeps one object per body", async () => {
  const storage = createMemoryStorage();
  const spool = openBodySpool(storage, "_spool/00004/00000000/");
  expect(spool.storage).toBe(storage);
  await spool.storage.put("_spool/00004/00000000/a", bytes(5, 1));
  expect(await collectBody((await spool.read("_spool/00004/00000000/a")) as ReadableStream<Uint8Array>)).toEqual(bytes(5, 1));
  await spool.remove(["_spool/00004/00000000/a"]);
  expect(storage.objects.size).toBe(0);
});
