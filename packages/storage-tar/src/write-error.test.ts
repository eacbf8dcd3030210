import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StorageError } from "@cat-harvest/storage";
import { patternBytes } from "@cat-harvest/storage-conformance";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readArchiveBothWays } from "../test/helpers/archive-readers.js";
import { TarWriteError, createTarStorage, type ArchiveFile, type OpenArchiveFile } from "./index.js";

let base: string;
let counter = 0;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-storage-tar-enospc-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** Opens the real file, whose writes fail as on a full disk once `budget` bytes were written. */
function diskFullAfter(budget: number): OpenArchiveFile {
  return async (path, flags) => {
    const file = await open(path, flags);
    let left = budget;
    const write = (async (buffer: Uint8Array, offset: number, length: number, position: number) => {
      if (left < length) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
      left -= length;
      return file.write(buffer, offset, length, position);
    }) as ArchiveFile["write"];
    return {
      read: file.read.bind(file),
      stat: file.stat.bind(file),
      truncate: file.truncate.bind(file),
      datasync: file.datasync.bind(file),
      sync: file.sync.bind(file),
      close: file.close.bind(file),
      write,
    } as ArchiveFile;
  };
}

describe.each([".tar", ".tar.gz"])("a full disk under a %s", (extension) => {
  test("a put fails with TarWriteError naming the archive and the fix; what was stored before stays readable", async () => {
    const path = join(base, `full-${counter++}${extension}`);
    const storage = createTarStorage({ path, openFile: diskFullAfter(150_000) });
    await storage.put("Bengal/1-1.jpg", patternBytes(20_000, 1));
    const error = await storage.put("Bengal/2-1.jpg", patternBytes(400_000, 2), { size: 400_000 }).catch((e: unknown) => e);
    expect(TarWriteError.isInstance(error)).toBe(true);
    expect(StorageError.isInstance(error)).toBe(true);
    const failure = error as TarWriteError;
    expect(failure.code).toBe("ENOSPC");
    expect(failure.path).toBe(path);
    expect(failure.key).toBe("Bengal/2-1.jpg");
    expect(failure.message).toContain(`in the archive ${path}`);
    expect(failure.message).toContain("no space left on device");
    expect(failure.message).toContain("Fix: free some disk space");
    expect(failure.message).toContain("every entry stored before is kept");
    expect(await storage.stat("Bengal/2-1.jpg")).toBeNull();
    await storage.close();
    expect([...(await readArchiveBothWays(path, extension === ".tar.gz")).keys()]).toEqual(["Bengal/1-1.jpg"]);
  });

  test("a body that fails with a system error code of its own is not taken for a write failure", async () => {
    const path = join(base, `body-${counter++}${extension}`);
    const storage = createTarStorage({ path });
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.error(reset),
    });
    await expect(storage.put("a.bin", body, { size: 10 })).rejects.toBe(reset);
    await storage.close();
  });
});
