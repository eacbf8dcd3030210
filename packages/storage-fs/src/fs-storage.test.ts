import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { StorageClosedError, StorageError, StorageKeyError } from "@cat-harvest/storage";
import { chunkedStream, describeStorageAdapter, patternBytes, readBytes, sameBytes } from "@cat-harvest/storage-conformance";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FsStorageError, FsStorageSizeMismatchError, createFsStorage, type FsStorage } from "./index.js";

const text = (s: string) => new TextEncoder().encode(s);

/** Every file under `root` (dot files and temporary files included), keyed by relative path. */
async function readTree(root: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const visit = async (folder: string, base: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) await visit(join(folder, entry.name), `${base}${entry.name}/`);
      else out.set(base + entry.name, new Uint8Array(await readFile(join(folder, entry.name))));
    }
  };
  await visit(root, "");
  return out;
}

let base: string;
let counter = 0;
const freshRoot = () => join(base, `root-${counter++}`);

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-storage-fs-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describeStorageAdapter<FsStorage>("fs", () => createFsStorage({ root: freshRoot() }), {
  capabilities: { read: true, list: true, replace: true, write: true },
  reopen: (closed) => createFsStorage({ root: closed.root }),
  openReadOnly: (closed) => createFsStorage({ root: closed.root, readOnly: true }),
  inspect: (closed) => readTree(closed.root),
});

describe("createFsStorage", () => {
  test("creates the root and its parents, and reports the real path", async () => {
    const root = join(freshRoot(), "a", "b");
    const storage = await createFsStorage({ root });
    expect(storage.root).toBe(root);
    await storage.put("x.txt", text("x"));
    expect(await readFile(join(root, "x.txt"), "utf8")).toBe("x");
    await storage.close();
  });

  test.each([
    [undefined, "options"],
    [{}, "options.root"],
    [{ root: "" }, "options.root"],
    [{ root: "x", fsync: "sometimes" }, "options.fsync"],
    [{ root: "x", isMetadata: "*.jsonl" }, "options.isMetadata"],
  ])("refuses bad options %j with a TypeError naming %s", async (options, named) => {
    await expect(createFsStorage(options as never)).rejects.toThrow(TypeError);
    await expect(createFsStorage(options as never)).rejects.toThrow(named);
  });

  test("refuses a root that is a file, with the path and the reason", async () => {
    const file = join(base, `file-${counter++}`);
    await writeFile(file, "not a folder");
    const error = await createFsStorage({ root: file }).catch((e: unknown) => e);
    expect(FsStorageError.isInstance(error)).toBe(true);
    expect(StorageError.isInstance(error)).toBe(true);
    expect((error as FsStorageError).message).toContain(file);
  });

  test.each([["always"], ["metadata"], ["never"]] as const)("stores photos and metadata whole with fsync %s", async (fsync) => {
    const storage = await createFsStorage({ root: freshRoot(), fsync });
    expect(storage.fsync).toBe(fsync);
    const photo = patternBytes(100_000, 1);
    await storage.put("New Folder/1-1.jpg", chunkedStream(photo));
    await storage.put("metadata.jsonl", text('{"file_name":"New Folder/1-1.jpg"}\n'));
    await storage.close();
    expect(sameBytes(new Uint8Array(await readFile(join(storage.root, "New Folder/1-1.jpg"))), photo)).toBe(true);
    expect(await readFile(join(storage.root, "metadata.jsonl"), "utf8")).toBe('{"file_name":"New Folder/1-1.jpg"}\n');
  });
});

describe("temporary files", () => {
  test("a put writes to a hidden temporary name in the target's folder, and renames it", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 1) await gate;
        if (sent === 2) return controller.close();
        controller.enqueue(text(`chunk ${sent++};`));
      },
    });
    const put = storage.put("Bengal/1-1.jpg", body);
    // While the body is held back, only the temporary file exists, and no one sees it.
    let names: string[] = [];
    for (let i = 0; i < 200 && names.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
      names = await readdir(join(storage.root, "Bengal")).catch(() => []);
    }
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^\.1-1\.jpg\.[0-9a-f]{12}\.part$/);
    expect(await storage.stat("Bengal/1-1.jpg")).toBeNull();
    const listed = [];
    for await (const info of storage.list()) listed.push(info);
    expect(listed).toEqual([]);
    await expect(storage.stat(`Bengal/${names[0]}`)).rejects.toBeInstanceOf(StorageKeyError);
    release();
    await put;
    expect(await readdir(join(storage.root, "Bengal"))).toEqual(["1-1.jpg"]);
    expect(await readFile(join(storage.root, "Bengal/1-1.jpg"), "utf8")).toBe("chunk 0;chunk 1;");
    await storage.close();
  });

  test("opening removes temporary files a killed run left, and nothing else", async () => {
    const root = freshRoot();
    await mkdir(join(root, "Bengal"), { recursive: true });
    await writeFile(join(root, ".metadata.jsonl.0123456789ab.part"), "half a line");
    await writeFile(join(root, "Bengal", ".1-1.jpg.abcdefabcdef.part"), "half a photo");
    await writeFile(join(root, "Bengal", "2-1.jpg"), "whole photo");
    await writeFile(join(root, ".keep.part"), "a user's own dot file");
    const storage = await createFsStorage({ root });
    expect(storage.removedTemporaryFiles).toBe(2);
    expect([...(await readTree(root)).keys()].sort()).toEqual([".keep.part", "Bengal/2-1.jpg"]);
    await storage.close();
  });

  test("removeTemporaryFiles: false leaves them, and they are still never objects", async () => {
    const root = freshRoot();
    await mkdir(root, { recursive: true });
    await writeFile(join(root, ".a.jpg.0123456789ab.part"), "half");
    const storage = await createFsStorage({ root, removeTemporaryFiles: false });
    expect(storage.removedTemporaryFiles).toBe(0);
    const listed = [];
    for await (const info of storage.list()) listed.push(info);
    expect(listed).toEqual([]);
    await storage.close();
  });

  test("a process killed in the middle of a put leaves no file under the final name", async () => {
    const root = freshRoot();
    const child = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "kill-mid-put.ts");
    const proc = spawn(process.execPath, ["--import", "tsx", "--conditions=@cat-harvest/source", child, root], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on("exit", (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      let out = "";
      proc.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("streaming")) resolve();
      });
      proc.on("exit", () => reject(new Error(`child exited before streaming: ${out}`)));
    });
    proc.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const left = [...(await readTree(root)).keys()];
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^Bengal\/\.1-1\.jpg\.[0-9a-f]{12}\.part$/);
    const storage = await createFsStorage({ root });
    expect(storage.removedTemporaryFiles).toBe(1);
    expect(await storage.stat("Bengal/1-1.jpg")).toBeNull();
    expect([...(await readTree(root)).keys()]).toEqual([]);
    await storage.close();
  });

  test("refuses keys shaped like its temporary files", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    await expect(storage.put("a/.x.jpg.0123456789ab.part", text("x"))).rejects.toBeInstanceOf(StorageKeyError);
    await storage.put("a/.x.jpg.part", text("a dot file is fine"));
    expect(await storage.stat("a/.x.jpg.part")).toEqual({ key: "a/.x.jpg.part", size: 18, stamp: expect.any(String) });
    await storage.close();
  });
});

describe("never outside the root", () => {
  test("a folder that is a symbolic link to outside is refused for every method, and nothing is written there", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    const outside = join(base, `outside-${counter++}`);
    await mkdir(outside);
    await writeFile(join(outside, "secret.txt"), "secret");
    await symlink(outside, join(storage.root, "Evil"));
    await mkdir(join(storage.root, "a"));
    await symlink(outside, join(storage.root, "a", "link"));

    for (const key of ["Evil/x.jpg", "Evil/sub/x.jpg", "a/link/x.jpg", "Evil/secret.txt"]) {
      const error = await storage.put(key, chunkedStream(text("evil"))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageKeyError);
      expect((error as Error).message).toContain("symbolic link");
      await expect(storage.stat(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(StorageKeyError);
    }
    await expect(async () => {
      for await (const _ of storage.list("Evil/")) void _;
    }).rejects.toBeInstanceOf(StorageKeyError);
    // Listing the whole root skips the links instead of following them.
    const listed = [];
    for await (const info of storage.list()) listed.push(info.key);
    expect(listed).toEqual([]);
    expect(await readdir(outside)).toEqual(["secret.txt"]);
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");
    await storage.close();
  });

  test("a stored name that is a link is not an object, and a put replaces the link, not its target", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    const outside = join(base, `outside-file-${counter++}`);
    await writeFile(outside, "secret");
    await symlink(outside, join(storage.root, "photo.jpg"));
    expect(await storage.stat("photo.jpg")).toBeNull();
    expect(await storage.get("photo.jpg")).toBeNull();
    expect(await storage.delete("photo.jpg")).toBe(false);
    await storage.put("photo.jpg", text("mine"));
    expect(await readFile(outside, "utf8")).toBe("secret");
    expect(await readFile(join(storage.root, "photo.jpg"), "utf8")).toBe("mine");
    await expect(readlink(join(storage.root, "photo.jpg"))).rejects.toThrow();
    await storage.close();
  });

  test("append refuses a link in the object's place and never writes through it", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    const outside = join(base, `outside-append-${counter++}`);
    await writeFile(outside, "secret");
    await symlink(outside, join(storage.root, "journal.jsonl"));
    await expect(storage.append!("journal.jsonl", text("line\n"))).rejects.toBeInstanceOf(FsStorageError);
    expect(await readFile(outside, "utf8")).toBe("secret");
    await storage.append!("Bengal/journal.jsonl", text("one\n"));
    await storage.append!("Bengal/journal.jsonl", text("two\n"));
    expect(await readFile(join(storage.root, "Bengal", "journal.jsonl"), "utf8")).toBe("one\ntwo\n");
    await storage.close();
  });

  test("getRange reads a range of a file, fewer bytes past its end, null when missing, and refuses a link", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    await storage.append!("_spool/0/bodies", text("abcdef"));
    await storage.append!("_spool/0/bodies", text("ghij"));
    const read = async (start: number, end: number) => new TextDecoder().decode((await storage.getRange!("_spool/0/bodies", start, end))!);
    expect(await read(0, 6)).toBe("abcdef");
    expect(await read(6, 10)).toBe("ghij");
    expect(await read(4, 8)).toBe("efgh");
    expect(await read(8, 20)).toBe("ij");
    expect(await read(3, 3)).toBe("");
    expect(await storage.getRange!("_spool/0/gone", 0, 4)).toBeNull();
    expect(await storage.getRange!("_spool/9/gone", 0, 4)).toBeNull();
    await expect(storage.getRange!("_spool/0/bodies", 4, 2)).rejects.toBeInstanceOf(TypeError);
    await expect(storage.getRange!("../beside", 0, 2)).rejects.toBeInstanceOf(StorageKeyError);
    const outside = join(base, `outside-range-${counter++}`);
    await writeFile(outside, "secret");
    await symlink(outside, join(storage.root, "linked"));
    await expect(storage.getRange!("linked", 0, 6)).rejects.toBeInstanceOf(FsStorageError);
    await storage.close();
    await expect(storage.getRange!("_spool/0/bodies", 0, 1)).rejects.toBeInstanceOf(StorageClosedError);
  });

  test("hostile keys write nothing beside or above the root", async () => {
    const parent = join(base, `parent-${counter++}`);
    const storage = await createFsStorage({ root: join(parent, "root") });
    for (const key of ["../beside.txt", "../../above.txt", "/tmp/abs.txt", "a/../../beside.txt", "..\\beside.txt"]) {
      await expect(storage.put(key, text("x"))).rejects.toBeInstanceOf(StorageKeyError);
    }
    expect(await readdir(parent)).toEqual(["root"]);
    expect(await readdir(join(parent, "root"))).toEqual([]);
    await storage.close();
  });

  test("the root itself may be a link; it is resolved once", async () => {
    const real = freshRoot();
    await mkdir(real);
    const link = join(base, `root-link-${counter++}`);
    await symlink(real, link);
    const storage = await createFsStorage({ root: link });
    expect(storage.root).toBe(real);
    await storage.put("Bengal/1.jpg", text("x"));
    expect(await readFile(join(real, "Bengal/1.jpg"), "utf8")).toBe("x");
    await storage.close();
  });
});

describe("folders it has seen, and whole bodies written in one call", () => {
  test.each([
    ["never", "bytes"],
    ["never", "stream"],
    ["always", "bytes"],
    ["always", "stream"],
  ] as const)("fsync %s, %s: a folder removed behind the adapter's back is made again by the next put", async (fsync, kind) => {
    const storage = await createFsStorage({ root: freshRoot(), fsync });
    const body = (s: string) => (kind === "bytes" ? text(s) : chunkedStream(text(s)));
    await storage.put("Bengal/deep/1.jpg", body("one"));
    await rm(join(storage.root, "Bengal"), { recursive: true });
    expect(await storage.stat("Bengal/deep/1.jpg")).toBeNull();
    await storage.put("Bengal/deep/2.jpg", body("two"));
    expect(await readFile(join(storage.root, "Bengal/deep/2.jpg"), "utf8")).toBe("two");
    expect([...(await readTree(storage.root)).keys()]).toEqual(["Bengal/deep/2.jpg"]);
    await storage.close();
  });

  test.each(["never", "metadata"] as const)("fsync %s: a whole body is stored under its name, with no temporary file left", async (fsync) => {
    const storage = await createFsStorage({ root: freshRoot(), fsync });
    const bytes = patternBytes(100_000);
    await storage.put("Siamese/1.jpg", bytes, { size: bytes.byteLength });
    expect(sameBytes(new Uint8Array(await readFile(join(storage.root, "Siamese/1.jpg"))), bytes)).toBe(true);
    expect([...(await readTree(storage.root)).keys()]).toEqual(["Siamese/1.jpg"]);
    expect(await storage.stat("Siamese/1.jpg")).toEqual({ key: "Siamese/1.jpg", size: 100_000, stamp: expect.any(String) });
    await storage.close();
  });

  test("fsync never: a whole body of another size than announced is refused and the old object kept", async () => {
    const storage = await createFsStorage({ root: freshRoot(), fsync: "never" });
    await storage.put("a.jpg", text("old"));
    const error = await storage.put("a.jpg", patternBytes(10), { size: 11 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FsStorageSizeMismatchError);
    expect(await readBytes((await storage.get("a.jpg"))!)).toEqual(text("old"));
    expect([...(await readTree(storage.root)).keys()]).toEqual(["a.jpg"]);
    await storage.close();
  });

  test("fsync never: a key under a stored file fails with FsStorageError and leaves nothing", async () => {
    const storage = await createFsStorage({ root: freshRoot(), fsync: "never" });
    await storage.put("a.jpg", text("file"));
    const error = await storage.put("a.jpg/b.jpg", text("x")).catch((e: unknown) => e);
    expect(FsStorageError.isInstance(error)).toBe(true);
    expect([...(await readTree(storage.root)).keys()]).toEqual(["a.jpg"]);
    await storage.close();
  });

  test("an aborted signal stops a whole-body put before it writes", async () => {
    const storage = await createFsStorage({ root: freshRoot(), fsync: "never" });
    const reason = new Error("stop");
    await expect(storage.put("x/1.jpg", text("x"), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect([...(await readTree(storage.root)).keys()]).toEqual([]);
    await storage.close();
  });
});

describe("bad input keeps what is stored", () => {
  test("a body shorter or longer than its announced size is refused, stores nothing and keeps the old object", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    await storage.put("a.jpg", text("old"));
    for (const [bytes, size] of [
      [patternBytes(10), 11],
      [patternBytes(12), 11],
    ] as const) {
      const error = await storage.put("a.jpg", chunkedStream(bytes), { size }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FsStorageSizeMismatchError);
      expect(error).toMatchObject({ expected: size, actual: bytes.byteLength, key: "a.jpg" });
      expect((error as Error).message).toContain("nothing was stored");
    }
    expect(await readBytes((await storage.get("a.jpg"))!)).toEqual(text("old"));
    expect([...(await readTree(storage.root)).keys()]).toEqual(["a.jpg"]);
    await storage.close();
  });

  test("a key under a stored file is refused with the code and a fix", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    await storage.put("Bengal", text("a file"));
    const error = await storage.put("Bengal/1-1.jpg", text("x")).catch((e: unknown) => e);
    expect(FsStorageError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "ENOTDIR", operation: "put", key: "Bengal/1-1.jpg" });
    expect((error as Error).message).toContain("use a different key");
    expect(await storage.stat("Bengal/1-1.jpg")).toBeNull();
    await storage.close();
  });

  test("a put that fails before reading its body cancels the body", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    await storage.put("Bengal", text("a file"));
    let cancelled: unknown;
    const body = new ReadableStream<Uint8Array>({
      cancel(reason) {
        cancelled = reason;
      },
    });
    const error = await storage.put("Bengal/1-1.jpg", body).catch((e: unknown) => e);
    expect(FsStorageError.isInstance(error)).toBe(true);
    expect(cancelled).toBe(error);
    await storage.close();
  });

  test("a key naming a stored folder is refused and the folder is kept", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    await storage.put("Bengal/1-1.jpg", text("x"));
    const error = await storage.put("Bengal", text("y")).catch((e: unknown) => e);
    expect(FsStorageError.isInstance(error)).toBe(true);
    expect((error as FsStorageError).message).toContain("Fix:");
    expect([...(await readTree(storage.root)).keys()]).toEqual(["Bengal/1-1.jpg"]);
    await storage.close();
  });

  test("a body that is neither bytes nor a stream, or a bad size, is a TypeError", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    await expect(storage.put("a.txt", "text" as never)).rejects.toThrow(TypeError);
    await expect(storage.put("a.txt", text("x"), { size: -1 })).rejects.toThrow(TypeError);
    await expect(storage.put("a.txt", text("x"), { size: 1.5 })).rejects.toThrow(TypeError);
    expect(await storage.stat("a.txt")).toBeNull();
    await storage.close();
  });
});

describe("after close", () => {
  test("reads reject with StorageClosedError too, and the files stay", async () => {
    const storage = await createFsStorage({ root: freshRoot() });
    await storage.put("a.txt", text("a"));
    await storage.close();
    await expect(storage.stat("a.txt")).rejects.toBeInstanceOf(StorageClosedError);
    await expect(storage.get("a.txt")).rejects.toBeInstanceOf(StorageClosedError);
    await expect(async () => {
      for await (const _ of storage.list()) void _;
    }).rejects.toBeInstanceOf(StorageClosedError);
    expect(await readFile(join(storage.root, "a.txt"), "utf8")).toBe("a");
  });
});
