import { appendFile, mkdir, mkdtemp, open, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { StorageCapabilityError } from "@cat-harvest/storage";
import { patternBytes, readBytes, sameBytes } from "@cat-harvest/storage-conformance";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fileSha256, readArchiveBothWays, run } from "../test/helpers/archive-readers.js";
import { TarArchiveError, createTarStorage } from "./index.js";

const text = (s: string) => new TextEncoder().encode(s);

let base: string;
let counter = 0;
const fresh = (extension: string) => join(base, `ro-${counter++}${extension}`);

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-storage-tar-ro-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** An archive holding `a.txt` and `b.bin`, closed. */
async function archiveOf(extension: string): Promise<string> {
  const path = fresh(extension);
  const writer = createTarStorage({ path });
  await writer.put("a.txt", text("alpha"));
  await writer.put("b.bin", patternBytes(100_000, 4));
  await writer.close();
  return path;
}

describe.each([".tar", ".tar.gz"])("readOnly: true on a %s", (extension) => {
  test("reads every entry, declares write: false, and opens the file with a read-only handle", async () => {
    const path = await archiveOf(extension);
    const flags: string[] = [];
    const reader = createTarStorage({
      path,
      readOnly: true,
      openFile: async (file, flag) => {
        flags.push(flag);
        return open(file, flag);
      },
    });
    expect(reader.readOnly).toBe(true);
    expect(reader.capabilities).toEqual({ read: true, list: true, replace: false, write: false });
    expect(new TextDecoder().decode(await readBytes((await reader.get("a.txt"))!))).toBe("alpha");
    expect(sameBytes(await readBytes((await reader.get("b.bin"))!), patternBytes(100_000, 4))).toBe(true);
    await reader.close();
    expect(flags).toEqual(["r"]);
  });

  test("leaves bytes after the end marker (a writer's unfinished entry) exactly where they are", async () => {
    const path = await archiveOf(extension);
    const trailing = extension === ".tar" ? patternBytes(5_000, 9) : gzipSync(patternBytes(20_000, 9)).subarray(0, 3_000);
    await appendFile(path, trailing);
    const before = await fileSha256(path);
    const size = (await stat(path)).size;
    const reader = createTarStorage({ path, readOnly: true });
    await reader.ready();
    expect((await reader.stat("b.bin"))?.size).toBe(100_000);
    await expect(reader.put("c.txt", text("c"))).rejects.toBeInstanceOf(StorageCapabilityError);
    await expect(reader.delete("b.bin")).rejects.toBeInstanceOf(StorageCapabilityError);
    await reader.close();
    expect((await stat(path)).size).toBe(size);
    expect(await fileSha256(path)).toBe(before);
  });

  test("a missing file is refused and not created", async () => {
    const path = join(base, `missing-${counter++}`, `cats${extension}`);
    const reader = createTarStorage({ path, readOnly: true });
    const error = await reader.ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TarArchiveError);
    expect((error as Error).message).toContain("there is no such file");
    await reader.close();
    await expect(stat(join(path, ".."))).rejects.toThrow();
  });

  test("an empty file reads as an empty archive and stays empty", async () => {
    const path = fresh(extension);
    await writeFile(path, new Uint8Array(0));
    const reader = createTarStorage({ path, readOnly: true });
    expect(await reader.stat("a.txt")).toBeNull();
    await reader.close();
    expect((await stat(path)).size).toBe(0);
  });

  test("a reader beside a writer of the same archive never changes it: the writer's archive stays whole", async () => {
    const path = await archiveOf(extension);
    const writer = createTarStorage({ path, fsync: false });
    await writer.ready();
    const writing = (async () => {
      for (let i = 0; i < 30; i++) await writer.put(`photos/${i}.bin`, patternBytes(30_000 + i, i));
    })();
    const reading = (async () => {
      for (let i = 0; i < 15; i++) {
        const reader = createTarStorage({ path, readOnly: true });
        // A reader may meet a commit write half-done and refuse; it must never change the file.
        await reader.ready().catch(() => {});
        await reader.close();
      }
    })();
    await Promise.all([writing, reading]);
    await writer.close();
    const files = await readArchiveBothWays(path, extension === ".tar.gz");
    expect(files.size).toBe(32);
  });
});

test("a .tar.gz written by another tool (one gzip member) can be read read-only", async () => {
  const source = join(base, `gnu-src-${counter++}`);
  await mkdir(source);
  await writeFile(join(source, "a.txt"), "alpha");
  const path = fresh(".tar.gz");
  await run("tar", ["-czf", path, "-C", source, "a.txt"]);
  const before = await fileSha256(path);
  const reader = createTarStorage({ path, readOnly: true });
  expect(new TextDecoder().decode(await readBytes((await reader.get("a.txt"))!))).toBe("alpha");
  await reader.close();
  expect(await fileSha256(path)).toBe(before);
});

test("readOnly must be a boolean", () => {
  expect(() => createTarStorage({ path: "x.tar", readOnly: "yes" as never })).toThrow(TypeError);
});
