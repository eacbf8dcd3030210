import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, truncate, writeFile, appendFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { StorageCapabilityError, StorageError, StorageKeyExistsError, StorageOptionError } from "@cat-harvest/storage";
import { chunkedStream, patternBytes, readBytes, sameBytes } from "@cat-harvest/storage-conformance";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gnuTarNames, gnuTarVerbose, readArchiveBothWays, run } from "../test/helpers/archive-readers.js";
import {
  TarArchiveError,
  TarEntryTooLargeError,
  TarKeyConflictError,
  TarSizeMismatchError,
  TarStorageError,
  createTarStorage,
  type TarStorage,
} from "./index.js";

const text = (s: string) => new TextEncoder().encode(s);
const exec = promisify(execFile);

let base: string;
let counter = 0;
const fresh = (extension: string) => join(base, `a-${counter++}${extension}`);

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-storage-tar-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const listAll = async (storage: TarStorage) => {
  const out: string[] = [];
  for await (const info of storage.list()) out.push(`${info.key}:${info.size}`);
  return out.sort();
};

/** A stream that hands out `bytes` in 1,000-byte pieces, one macrotask apart, and only when read. */
function lazyBody(bytes: Uint8Array, onStart: () => void, onEnd: () => void): ReadableStream<Uint8Array> {
  let at = 0;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          onStart();
        }
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (at >= bytes.length) {
          onEnd();
          controller.close();
          return;
        }
        controller.enqueue(bytes.slice(at, at + 1_000));
        at += 1_000;
      },
    },
    { highWaterMark: 0 },
  );
}

describe("createTarStorage options", () => {
  test.each([
    ["cats.tar", false],
    ["cats.tar.gz", true],
    ["cats.tgz", true],
    ["CATS.TAR.GZ", true],
    ["cats.tar.zst", false],
  ])("%s is gzip: %s by default", (name, gzip) => {
    expect(createTarStorage({ path: join(base, name) }).gzip).toBe(gzip);
  });

  test("an explicit gzip option wins over the extension", () => {
    expect(createTarStorage({ path: join(base, "x.tar"), gzip: true }).gzip).toBe(true);
    expect(createTarStorage({ path: join(base, "x.tgz"), gzip: false }).gzip).toBe(false);
  });

  test.each([
    [{}, StorageOptionError, "path"],
    [{ path: "" }, StorageOptionError, "path"],
    [{ path: 7 }, TypeError, "path"],
    [{ path: "a.tar", gzip: "yes" }, TypeError, "gzip"],
    [{ path: "a.tar", maxEntrySize: -1 }, TypeError, "maxEntrySize"],
    [{ path: "a.tar", maxEntrySize: 1.5 }, TypeError, "maxEntrySize"],
    [{ path: "a.tar", gzipLevel: 10 }, TypeError, "gzipLevel"],
  ])("refuses %j with a %o naming %s", (options, kind, named) => {
    expect(() => createTarStorage(options as never)).toThrow(kind as never);
    expect(() => createTarStorage(options as never)).toThrow(named);
  });

  test("refuses a bad size or body with a TypeError and stores nothing", async () => {
    const storage = createTarStorage({ path: fresh(".tar") });
    await expect(storage.put("a.bin", text("abc"), { size: -1 })).rejects.toThrow(TypeError);
    await expect(storage.put("a.bin", text("abc"), { size: 1.5 })).rejects.toThrow("options.size");
    await expect(storage.put("a.bin", "abc" as never)).rejects.toThrow(TypeError);
    expect(await storage.stat("a.bin")).toBeNull();
    await storage.close();
    expect(await gnuTarNames(storage.path)).toEqual([]);
  });
});

describe.each([".tar", ".tar.gz"])("%s archives", (extension) => {
  const gzip = extension.endsWith(".gz");

  test("GNU tar and Python's tarfile read every kind of entry back, byte for byte, without warnings", async () => {
    const storage = createTarStorage({ path: fresh(extension) });
    const expected = new Map<string, Uint8Array>([
      ["metadata.jsonl", text('{"file_name":"Bengal/1-1.jpg"}\n')],
      ["Bengal/1-1.jpg", patternBytes(300_001, 1)],
      ["Ragdoll/ünïcødé 猫.jpg", patternBytes(777, 2)],
      ["empty.bin", new Uint8Array(0)],
      [`${"Long Breed Name ".repeat(8)}/${"x".repeat(120)}.jpg`, patternBytes(512, 3)],
      ["exactly/one-block.bin", patternBytes(512, 4)],
      ["unknown/length.bin", patternBytes(70_000, 5)],
    ]);
    for (const [key, bytes] of expected) {
      if (key === "unknown/length.bin") await storage.put(key, chunkedStream(bytes, { chunkSize: 4_000 }));
      else await storage.put(key, chunkedStream(bytes, { chunkSize: 9_999 }), { size: bytes.byteLength });
    }
    await storage.close();
    const verbose = await gnuTarVerbose(storage.path);
    expect(verbose).toContain("300001");
    if (gzip) {
      // gzip itself, verbose: every member checks out, with no notes about header fields.
      const tested = await run("gzip", ["-tv", storage.path]);
      expect(tested.code).toBe(0);
      expect(tested.stderr.trim()).toMatch(/:\s+OK$/);
      expect(tested.stderr.trim().split("\n")).toHaveLength(1);
    }
    const files = await readArchiveBothWays(storage.path, gzip);
    expect([...files.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, bytes] of expected) expect(sameBytes(files.get(key), bytes), key).toBe(true);
  });

  test("many concurrent producers take turns: one body is read at a time, and every entry is stored once", async () => {
    const storage = createTarStorage({ path: fresh(extension) });
    let active = 0;
    let mostActive = 0;
    const expected = new Map<string, Uint8Array>();
    for (let i = 0; i < 24; i++) expected.set(`Breed ${i % 4}/${i}-1.jpg`, patternBytes(3_000 + i * 101, 20 + i));
    await Promise.all(
      [...expected].map(([key, bytes], i) => {
        const body = lazyBody(
          bytes,
          () => {
            active++;
            mostActive = Math.max(mostActive, active);
          },
          () => active--,
        );
        // Half stream with a size, half are buffered (no size): both wait for their turn before reading.
        return storage.put(key, body, i % 2 ? { size: bytes.byteLength } : {});
      }),
    );
    expect(mostActive).toBe(1);
    expect(await listAll(storage)).toEqual([...expected].map(([k, b]) => `${k}:${b.byteLength}`).sort());
    await storage.close();
    const files = await readArchiveBothWays(storage.path, gzip);
    expect(files.size).toBe(expected.size);
    for (const [key, bytes] of expected) expect(sameBytes(files.get(key), bytes), key).toBe(true);
  });

  test("concurrent puts on one key store the first body whole and refuse the others with StorageKeyExistsError", async () => {
    const storage = createTarStorage({ path: fresh(extension) });
    const bodies = [patternBytes(40_000, 31), patternBytes(55_000, 32), patternBytes(30_000, 33)];
    const outcomes = await Promise.allSettled(
      bodies.map((bytes) => storage.put("same.jpg", chunkedStream(bytes, { chunkSize: 4_096, yieldBetweenChunks: true }))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    for (const o of outcomes.slice(1)) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(StorageKeyExistsError);
    expect(await storage.stat("same.jpg")).toEqual({ key: "same.jpg", size: 40_000, stamp: expect.any(String) });
    await storage.close();
    const files = await readArchiveBothWays(storage.path, gzip);
    expect([...files.keys()]).toEqual(["same.jpg"]);
    expect(sameBytes(files.get("same.jpg"), bodies[0]!)).toBe(true);
  });

  test("a producer whose signal aborts while it waits for its turn leaves the queue and stores nothing", async () => {
    const storage = createTarStorage({ path: fresh(extension) });
    let release!: () => void;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise<void>((resolve) => (release = resolve));
        controller.enqueue(text("slow"));
        controller.close();
      },
    });
    const first = storage.put("slow.txt", slow, { size: 4 });
    const controller = new AbortController();
    const waiting = storage.put("waiting.txt", text("never"), { signal: controller.signal });
    const third = storage.put("third.txt", text("third"));
    const reason = new Error("the user gave up");
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    release();
    await Promise.all([first, third]);
    expect(await listAll(storage)).toEqual(["slow.txt:4", "third.txt:5"]);
    await storage.close();
    expect(await gnuTarNames(storage.path)).toEqual(["slow.txt", "third.txt"]);
  });

  test("a body of unknown size over maxEntrySize is refused with TarEntryTooLargeError, cancelled, and nothing is stored", async () => {
    const storage = createTarStorage({ path: fresh(extension), maxEntrySize: 10_000 });
    let cancelled: unknown;
    let at = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(patternBytes(4_096, at++));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const error = await storage.put("big/unknown.bin", endless).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TarEntryTooLargeError);
    expect(TarStorageError.isInstance(error)).toBe(true);
    expect(StorageError.isInstance(error)).toBe(true);
    expect((error as TarEntryTooLargeError).limit).toBe(10_000);
    expect((error as Error).message).toMatch(/maxEntrySize \(10000 bytes\).*options\.size/);
    expect(cancelled).toBe(error);
    expect(await storage.stat("big/unknown.bin")).toBeNull();
    // The same body with its size streams past the limit.
    const bytes = patternBytes(50_000, 9);
    await storage.put("big/sized.bin", chunkedStream(bytes), { size: bytes.byteLength });
    await storage.close();
    const files = await readArchiveBothWays(storage.path, gzip);
    expect([...files.keys()]).toEqual(["big/sized.bin"]);
    expect(sameBytes(files.get("big/sized.bin"), bytes)).toBe(true);
  });

  test.each([
    ["longer", 5_000, 4_000],
    ["shorter", 3_000, 4_000],
  ])("a body %s than options.size is refused with TarSizeMismatchError and nothing is stored", async (_, actual, declared) => {
    const storage = createTarStorage({ path: fresh(extension) });
    await storage.put("before.txt", text("before"));
    const error = await storage.put("wrong.bin", chunkedStream(patternBytes(actual, 1), { chunkSize: 1_000 }), { size: declared }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TarSizeMismatchError);
    expect((error as TarSizeMismatchError).expected).toBe(declared);
    expect(await storage.stat("wrong.bin")).toBeNull();
    await expect(storage.put("bytes.bin", text("abc"), { size: 4 })).rejects.toBeInstanceOf(TarSizeMismatchError);
    await storage.put("after.txt", text("after"));
    await storage.close();
    expect(await gnuTarNames(storage.path)).toEqual(["before.txt", "after.txt"]);
  });

  test("a reopened archive continues where it ended and never stores a key twice", async () => {
    const path = fresh(extension);
    const first = createTarStorage({ path });
    for (let i = 0; i < 5; i++) await first.put(`Bengal/${i}-1.jpg`, patternBytes(10_000 + i, i));
    await first.close();

    const second = createTarStorage({ path });
    expect(await listAll(second)).toHaveLength(5);
    // A resumed harvest offers every key again; only new ones are written.
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        second.put(`Bengal/${i}-1.jpg`, chunkedStream(patternBytes(10_000 + i, i))).then(
          () => "stored",
          (e: unknown) => (e instanceof StorageKeyExistsError ? "exists" : e),
        ),
      ),
    );
    expect(outcomes).toEqual(["exists", "exists", "exists", "exists", "exists", "stored", "stored", "stored"]);
    expect(sameBytes(await readBytes((await second.get("Bengal/2-1.jpg"))!), patternBytes(10_002, 2))).toBe(true);
    await second.close();

    const names = await gnuTarNames(path);
    expect(names).toEqual(Array.from({ length: 8 }, (_, i) => `Bengal/${i}-1.jpg`));
    const files = await readArchiveBothWays(path, gzip);
    for (let i = 0; i < 8; i++) expect(sameBytes(files.get(`Bengal/${i}-1.jpg`), patternBytes(10_000 + i, i))).toBe(true);
  });

  test("delete removes only the entry at the tail, so metadata written last can be rewritten, also after reopening", async () => {
    const path = fresh(extension);
    const storage = createTarStorage({ path });
    await storage.put("Bengal/1-1.jpg", patternBytes(2_000, 1));
    await storage.put("metadata.jsonl", text('{"n":1}\n'));
    const refused = await storage.delete("Bengal/1-1.jpg").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageCapabilityError);
    expect((refused as Error).message).toContain("only remove the entry it stored last");
    expect(await storage.delete("metadata.jsonl")).toBe(true);
    await storage.put("metadata.jsonl", text('{"n":1}\n{"n":2}\n'));
    await storage.close();
    expect(await gnuTarNames(path)).toEqual(["Bengal/1-1.jpg", "metadata.jsonl"]);

    const again = createTarStorage({ path });
    expect(await again.delete("metadata.jsonl")).toBe(true);
    expect(await again.delete("Bengal/1-1.jpg")).toBe(true);
    await again.put("metadata.jsonl", text("{}\n"));
    await again.close();
    const files = await readArchiveBothWays(path, gzip);
    expect([...files.keys()]).toEqual(["metadata.jsonl"]);
    expect(new TextDecoder().decode(files.get("metadata.jsonl"))).toBe("{}\n");
  });

  test("a file that is not a tar archive is refused with TarArchiveError and left unchanged", async () => {
    const path = fresh(extension);
    const content = text("name,breed\nTom,Bengal\n".repeat(100));
    await writeFile(path, content);
    const storage = createTarStorage({ path });
    const error = await storage.put("a.txt", text("a")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TarArchiveError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain("move the file aside");
    await expect(storage.ready()).rejects.toBeInstanceOf(TarArchiveError);
    await storage.close();
    expect(sameBytes(new Uint8Array(await readFile(path)), content)).toBe(true);
  });

  test("an empty file is started as a new archive", async () => {
    const path = fresh(extension);
    await writeFile(path, new Uint8Array(0));
    const storage = createTarStorage({ path });
    await storage.put("a.txt", text("a"));
    await storage.close();
    expect(await gnuTarNames(path)).toEqual(["a.txt"]);
  });

  test("refuses a key that would be both a file and a folder on extraction, also after reopening", async () => {
    const path = fresh(extension);
    const storage = createTarStorage({ path });
    await storage.put("Bengal/1-1.jpg", text("photo"));
    await storage.put("notes.txt", text("notes"));
    const asFolder = await storage.put("Bengal", text("x")).catch((e: unknown) => e);
    expect(asFolder).toBeInstanceOf(TarKeyConflictError);
    expect((asFolder as TarKeyConflictError).conflictsWith).toBe("Bengal/1-1.jpg");
    const underFile = await storage.put("notes.txt/more.txt", text("x")).catch((e: unknown) => e);
    expect(underFile).toBeInstanceOf(TarKeyConflictError);
    expect((underFile as Error).message).toContain('holds "notes.txt"');
    await storage.put("Bengal2/1-1.jpg", text("fine"));
    await storage.close();
    const again = createTarStorage({ path });
    await expect(again.put("Bengal2", text("x"))).rejects.toBeInstanceOf(TarKeyConflictError);
    expect(await again.delete("Bengal2/1-1.jpg")).toBe(true);
    await again.put("Bengal2", text("now a file"));
    await again.close();
    expect(await gnuTarNames(path)).toEqual(["Bengal/1-1.jpg", "notes.txt", "Bengal2"]);
    expect((await readArchiveBothWays(path, gzip)).size).toBe(3);
  });

  test("puts and deletes called before close() finish before the archive is closed, even while it is still opening", async () => {
    const path = fresh(extension);
    const first = createTarStorage({ path });
    await first.put("metadata.jsonl", text("v1"));
    await first.close();
    const storage = createTarStorage({ path });
    const deleted = storage.delete("metadata.jsonl");
    const puts = [storage.put("a.txt", text("a")), storage.put("b.txt", chunkedStream(text("bb")))];
    await storage.close();
    expect(await deleted).toBe(true);
    await Promise.all(puts);
    await expect(storage.put("c.txt", text("c"))).rejects.toThrow("closed");
    expect(await gnuTarNames(path)).toEqual(["a.txt", "b.txt"]);
  });

  test("closing an adapter that stored nothing leaves a valid empty archive", async () => {
    const storage = createTarStorage({ path: fresh(extension) });
    await storage.close();
    expect(await gnuTarNames(storage.path)).toEqual([]);
    expect(await readArchiveBothWays(storage.path, gzip)).toEqual(new Map());
  });

  test("creates missing parent folders", async () => {
    const path = join(base, `nested-${counter++}`, "deeper", `cats${extension}`);
    const storage = createTarStorage({ path });
    await storage.put("a.txt", text("a"));
    await storage.close();
    expect(await gnuTarNames(path)).toEqual(["a.txt"]);
  });
});

describe("interrupted writes", () => {
  test("a .tar whose writer died mid-entry is still a valid archive, and reopening drops the partial entry", async () => {
    const path = fresh(".tar");
    const storage = createTarStorage({ path });
    await storage.put("done.txt", text("done"));
    await storage.close();
    const committed = (await stat(path)).size;
    // What a crash leaves: bytes of a half-written entry after the end marker.
    await appendFile(path, patternBytes(5_000, 1));
    expect(await gnuTarNames(path)).toEqual(["done.txt"]);
    const again = createTarStorage({ path });
    await again.ready();
    expect((await stat(path)).size).toBe(committed);
    await again.put("next.txt", text("next"));
    await again.close();
    expect([...(await readArchiveBothWays(path, false)).keys()].sort()).toEqual(["done.txt", "next.txt"]);
  });

  test("a .tar.gz whose writer died mid-member is continued from its last complete entry", async () => {
    const path = fresh(".tar.gz");
    const storage = createTarStorage({ path });
    await storage.put("done.txt", text("done"));
    await storage.close();
    const committed = (await stat(path)).size;
    // A crash mid-write leaves a member cut short after the tail member.
    const member = gzipSync(patternBytes(20_000, 2));
    await appendFile(path, member.subarray(0, member.length >> 1));
    const again = createTarStorage({ path });
    expect(await listAll(again)).toEqual(["done.txt:4"]);
    expect((await stat(path)).size).toBe(committed);
    await again.put("next.txt", text("next"));
    await again.close();
    expect([...(await readArchiveBothWays(path, true)).keys()].sort()).toEqual(["done.txt", "next.txt"]);
  });

  test("an archive made by GNU tar, cut inside its last entry, loses only that entry and is continued", async () => {
    const source = join(base, `gnu-src-${counter++}`);
    await mkdir(source);
    await writeFile(join(source, "a.txt"), "alpha");
    await writeFile(join(source, "b.bin"), patternBytes(20_000, 3));
    const path = fresh(".tar");
    await exec("tar", ["-cf", path, "-C", source, "a.txt", "b.bin"]);
    await truncate(path, 512 + 512 + 512 + 4_000); // a.txt whole, b.bin's header and part of its data
    const storage = createTarStorage({ path });
    expect(await listAll(storage)).toEqual(["a.txt:5"]);
    await storage.put("c.txt", text("gamma"));
    expect(new TextDecoder().decode(await readBytes((await storage.get("a.txt"))!))).toBe("alpha");
    await storage.close();
    const files = await readArchiveBothWays(path, false);
    expect([...files.keys()].sort()).toEqual(["a.txt", "c.txt"]);
  });

  test("a get whose bytes were cut from the file behind the adapter's back fails with TarArchiveError", async () => {
    const path = fresh(".tar");
    const storage = createTarStorage({ path });
    await storage.put("a.bin", patternBytes(200_000, 1));
    await truncate(path, 100_000);
    const error = await readBytes((await storage.get("a.bin"))!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TarArchiveError);
    expect((error as TarArchiveError).operation).toBe("read");
    expect((error as Error).message).toContain("ends inside the entry");
    await storage.close();
  });

  test("a .tar.gz made by GNU tar (one gzip member) is read but refused for appending, unchanged", async () => {
    const source = join(base, `gnu-src-${counter++}`);
    await mkdir(source);
    await writeFile(join(source, "a.txt"), "alpha");
    const path = fresh(".tar.gz");
    await exec("tar", ["-czf", path, "-C", source, "a.txt"]);
    const before = new Uint8Array(await readFile(path));
    const storage = createTarStorage({ path });
    const error = await storage.ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TarArchiveError);
    expect((error as Error).message).toContain("gunzip it");
    await storage.close();
    expect(sameBytes(new Uint8Array(await readFile(path)), before)).toBe(true);
  });
});
