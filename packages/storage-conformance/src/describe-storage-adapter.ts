import {
  StorageCapabilityError,
  StorageClosedError,
  StorageError,
  StorageKeyError,
  StorageKeyExistsError,
  type StorageAdapter,
  type StorageCapabilities,
  type StoredObjectInfo,
} from "@cat-harvest/storage";
import { afterEach, describe, expect, it } from "vitest";
import { chunkedStream, erroringStream, manualStream, patternBytes, readBytes, sameBytes, stallingStream } from "./test-bodies.js";

export interface DescribeStorageAdapterOptions<A extends StorageAdapter = StorageAdapter> {
  /**
   * What the adapter declares. It decides which capability-switched cases run
   * (`it.skipIf`), and one case checks that `adapter.capabilities` says the same.
   */
  readonly capabilities: StorageCapabilities;
  /**
   * Opens the same medium again after `closed` was closed (same folder, archive, bucket
   * prefix). Given, the suite checks that a new instance sees what the old one stored
   * (`stat`/`list` for resume).
   */
  readonly reopen?: (closed: A) => StorageAdapter | Promise<StorageAdapter>;
  /**
   * Reads what is physically on the medium after `closed` was closed: every object or
   * file under the adapter's root, keyed by its relative path, temporary files included.
   * Given, the suite checks that aborted and failed puts left nothing behind and that
   * `close()` finalised exactly the objects put.
   */
  readonly inspect?: (closed: A) => Promise<Map<string, Uint8Array>>;
  /**
   * Whether the medium keeps concurrent puts on one key apart (one whole body wins). Set
   * `false` only for a test server known not to: s3rver 3.7 writes concurrent bodies for one
   * key into the same file, which real S3 never does.
   * @default true
   */
  readonly isolatesConcurrentPutsOnOneKey?: boolean;
  /**
   * Length of the "large" stream round trip, in bytes.
   * @default 1_048_577
   */
  readonly largeSize?: number;
  /**
   * How many puts the concurrency case runs at once.
   * @default 12
   */
  readonly concurrency?: number;
}

/** Keys every adapter must store and return exactly as given. */
export const FRIENDLY_KEYS: readonly string[] = [
  "metadata.jsonl",
  "Bengal/123-1.jpg",
  "Maine Coon/7-2.jpg",
  "Ragdoll/ünïcødé 猫.jpg",
  "Sphynx_-_Hairless_Cat/ two  spaces .jpg",
  "emoji 😺/🐈‍⬛.jpg",
  "deep/a/b/c/d/e.bin",
  "..hidden/x.txt",
  "Bengal2/1-1.jpg",
];

/** Keys every adapter must refuse with `StorageKeyError`, on every method. */
export const HOSTILE_KEYS: readonly (readonly [key: string, problem: string])[] = [
  ["", "empty"],
  ["/etc/passwd", "absolute"],
  ["../outside.jpg", "parent segment"],
  ["a/../../outside.jpg", "parent segment in the middle"],
  ["a/..", "trailing parent segment"],
  ["./a.jpg", "dot segment"],
  ["a\\..\\b.jpg", "backslash"],
  ["nul\u0000byte.jpg", "NUL"],
  ["line\nbreak.jpg", "control character"],
  ["a//b.jpg", "empty segment"],
  ["trailing/", "trailing slash"],
  ["C:evil.jpg", "drive letter"],
];

const encoder = new TextEncoder();
const text = (s: string) => encoder.encode(s);

/**
 * Registers the shared storage suite: one `describe` block named after `name`. Call it from
 * an adapter's test file; `factory` returns a fresh, empty adapter for each case (a new
 * folder, archive, or bucket prefix). The suite closes every adapter it opened.
 *
 * @example
 * describeStorageAdapter("memory", () => createMemoryStorage(), {
 *   capabilities: { read: true, list: true, replace: true },
 * });
 */
export function describeStorageAdapter<A extends StorageAdapter>(name: string, factory: () => A | Promise<A>, options: DescribeStorageAdapterOptions<A>): void {
  if (typeof factory !== "function") throw new TypeError("describeStorageAdapter needs a factory function as its second argument");
  if (!options?.capabilities) throw new TypeError("describeStorageAdapter needs options.capabilities, e.g. { read: true, list: true, replace: true }");
  const caps = options.capabilities;
  const largeSize = options.largeSize ?? 1_048_577;
  const concurrency = options.concurrency ?? 12;
  const { reopen, inspect } = options;

  describe(`storage adapter conformance: ${name}`, () => {
    const opened: StorageAdapter[] = [];
    const open = async (): Promise<A> => {
      const adapter = await factory();
      opened.push(adapter);
      return adapter;
    };
    const openAgain = async (closed: A): Promise<StorageAdapter> => {
      const adapter = await reopen!(closed);
      opened.push(adapter);
      return adapter;
    };
    afterEach(async () => {
      const all = opened.splice(0);
      await Promise.allSettled(all.map((adapter) => adapter.close()));
    });

    /** The stored bytes through `get`, or `undefined` where the medium cannot read. */
    const readBack = async (adapter: StorageAdapter, key: string): Promise<Uint8Array | null | undefined> => {
      if (!caps.read) return undefined;
      const body = await adapter.get(key);
      return body ? readBytes(body) : null;
    };
    const listAll = async (adapter: StorageAdapter, prefix?: string): Promise<StoredObjectInfo[]> => {
      const out: StoredObjectInfo[] = [];
      for await (const info of adapter.list(prefix)) out.push({ key: info.key, size: info.size });
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    };
    /** Checks one stored object every way the medium allows, before close. */
    const expectStored = async (adapter: StorageAdapter, key: string, bytes: Uint8Array) => {
      expect(await adapter.stat(key), `stat(${JSON.stringify(key)})`).toEqual({ key, size: bytes.byteLength });
      const back = await readBack(adapter, key);
      if (back !== undefined) expect(sameBytes(back, bytes), `get(${JSON.stringify(key)}) returns the bytes put`).toBe(true);
    };
    /** After close: the medium holds exactly `expected` (when the adapter can be inspected). */
    const expectMedium = async (adapter: A, expected: Map<string, Uint8Array>) => {
      if (!inspect) return;
      const medium = await inspect(adapter);
      expect([...medium.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, bytes] of expected) expect(sameBytes(medium.get(key), bytes), `medium holds the bytes of ${key}`).toBe(true);
    };

    describe("shape", () => {
      it("has a name and declares the capabilities it was described with", async () => {
        const adapter = await open();
        expect(typeof adapter.name).toBe("string");
        expect(adapter.name.length).toBeGreaterThan(0);
        expect({ ...adapter.capabilities }).toEqual({ read: caps.read, list: caps.list, replace: caps.replace });
      });
    });

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

    describe("hostile keys", () => {
      it.each(HOSTILE_KEYS.map(([key, problem]) => [problem, key]))("refuses a key with %s (%j) on every method and writes nothing", async (_problem, key) => {
        const adapter = await open();
        const refused = async (promise: Promise<unknown>) => {
          const error = await promise.then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(StorageKeyError);
          expect(StorageError.isInstance(error)).toBe(true);
        };
        await refused(adapter.put(key, text("evil")));
        await refused(adapter.put(key, chunkedStream(text("evil"))));
        await refused(adapter.stat(key));
        await refused(adapter.delete(key));
        if (caps.read) await refused(adapter.get(key));
        if (caps.list) expect(await listAll(adapter)).toEqual([]);
        await adapter.close();
        await expectMedium(adapter, new Map());
      });

      it.skipIf(!caps.list)("refuses a hostile list prefix", async () => {
        const adapter = await open();
        await expect(listAll(adapter, "../")).rejects.toBeInstanceOf(StorageKeyError);
        await expect(listAll(adapter, "/abs")).rejects.toBeInstanceOf(StorageKeyError);
      });
    });

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
        for (const [key, bytes] of objects) expect(await again.stat(key)).toEqual({ key, size: bytes.byteLength });
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

    describe("replacing", () => {
      it.skipIf(!caps.replace)("a put on a stored key replaces it", async () => {
        const adapter = await open();
        await adapter.put("a.txt", text("first version, longer"));
        await adapter.put("a.txt", chunkedStream(text("second")));
        await expectStored(adapter, "a.txt", text("second"));
        if (caps.list) expect(await listAll(adapter)).toEqual([{ key: "a.txt", size: 6 }]);
        await adapter.close();
        await expectMedium(adapter, new Map([["a.txt", text("second")]]));
      });

      it.skipIf(caps.replace)("a put on a stored key rejects with StorageKeyExistsError and keeps the first", async () => {
        const adapter = await open();
        await adapter.put("a.txt", text("first"));
        const error = await adapter.put("a.txt", text("second")).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StorageKeyExistsError);
        expect((error as StorageKeyExistsError).key).toBe("a.txt");
        await expectStored(adapter, "a.txt", text("first"));
        await adapter.close();
        await expectMedium(adapter, new Map([["a.txt", text("first")]]));
      });
    });

    describe("deleting", () => {
      it("deletes the object put last", async () => {
        const adapter = await open();
        await adapter.put("a.txt", text("a"));
        await adapter.put("b/c.txt", text("bc"));
        expect(await adapter.delete("b/c.txt")).toBe(true);
        expect(await adapter.stat("b/c.txt")).toBeNull();
        expect(await adapter.delete("b/c.txt")).toBe(false);
        await expectStored(adapter, "a.txt", text("a"));
        if (caps.list) expect(await listAll(adapter)).toEqual([{ key: "a.txt", size: 1 }]);
        await adapter.close();
        await expectMedium(adapter, new Map([["a.txt", text("a")]]));
      });

      it("stores a key again after deleting it", async () => {
        const adapter = await open();
        await adapter.put("again.txt", text("one"));
        expect(await adapter.delete("again.txt")).toBe(true);
        await adapter.put("again.txt", chunkedStream(text("two!")));
        await expectStored(adapter, "again.txt", text("two!"));
      });

      it("deletes an earlier object, or refuses with StorageCapabilityError and keeps it", async () => {
        const adapter = await open();
        await adapter.put("first.txt", text("1"));
        await adapter.put("second.txt", text("22"));
        const outcome = await adapter.delete("first.txt").catch((e: unknown) => e);
        if (outcome === true) {
          expect(await adapter.stat("first.txt")).toBeNull();
        } else {
          expect(outcome).toBeInstanceOf(StorageCapabilityError);
          await expectStored(adapter, "first.txt", text("1"));
        }
        await expectStored(adapter, "second.txt", text("22"));
      });
    });

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
          for (const [key, bytes] of objects) expect(await again.stat(key)).toEqual({ key, size: bytes.byteLength });
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
          expect(await again.stat("in-flight.bin")).toEqual(outcome === "stored" ? { key: "in-flight.bin", size: bytes.byteLength } : null);
        }
      });
    });
  });
}

/** The error and its `cause`s, outermost first (bounded, in case of a cycle). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current !== undefined && chain.length < 10) {
    chain.push(current);
    current = typeof current === "object" && current !== null ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
}
