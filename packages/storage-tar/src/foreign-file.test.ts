import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fileSha256, gnuTarNames } from "../test/helpers/archive-readers.js";
import { TarArchiveError, createTarStorage } from "./index.js";

let base: string;
let counter = 0;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-storage-tar-foreign-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** `size` bytes of a file that is no archive: notes, or zeros (what `truncate -s` or `fallocate` leaves). */
function notes(size: number): Uint8Array {
  const line = new TextEncoder().encode("Tom, Bengal, adopted\n");
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = line[i % line.length]!;
  return out;
}

const SIZES = [9, 300, 511, 512, 4096];

describe.each([".tar", ".tar.gz"])("a file given as a %s that this tool did not write", (extension) => {
  test.each(SIZES)("of %i bytes is refused, named, and left unchanged (writer and reader)", async (size) => {
    const path = join(base, `notes-${counter++}${extension}`);
    await writeFile(path, notes(size));
    const before = await fileSha256(path);
    for (const readOnly of [false, true]) {
      const storage = createTarStorage({ path, readOnly });
      const error = await storage.ready().catch((e: unknown) => e);
      expect(error, `readOnly: ${readOnly}`).toBeInstanceOf(TarArchiveError);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toMatch(/choose another path/);
      if (!readOnly) await expect(storage.put("a.txt", new Uint8Array([1]))).rejects.toBeInstanceOf(TarArchiveError);
      await storage.close();
      expect(await fileSha256(path)).toBe(before);
    }
  });

  test.each(SIZES.filter((size) => size < 1024))("of %i zero bytes is refused and left unchanged", async (size) => {
    const path = join(base, `zeros-${counter++}${extension}`);
    await writeFile(path, new Uint8Array(size));
    const before = await fileSha256(path);
    const storage = createTarStorage({ path });
    await expect(storage.ready()).rejects.toBeInstanceOf(TarArchiveError);
    await storage.close();
    expect(await fileSha256(path)).toBe(before);
  });

  test("an empty (0-byte) file is taken as a new archive", async () => {
    const path = join(base, `empty-${counter++}${extension}`);
    await writeFile(path, new Uint8Array(0));
    const storage = createTarStorage({ path });
    await storage.put("a.txt", new TextEncoder().encode("a"));
    await storage.close();
    expect(await gnuTarNames(path)).toEqual(["a.txt"]);
  });
});

test("a .tar.gz that is gzip of something other than tar is refused and left unchanged", async () => {
  for (const size of [9, 300, 4096]) {
    const path = join(base, `notes-${counter++}.tar.gz`);
    await writeFile(path, gzipSync(notes(size)));
    const before = await fileSha256(path);
    const storage = createTarStorage({ path });
    await expect(storage.ready()).rejects.toBeInstanceOf(TarArchiveError);
    await storage.close();
    expect(await fileSha256(path)).toBe(before);
  }
});
