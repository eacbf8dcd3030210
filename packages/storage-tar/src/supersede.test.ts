import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StorageKeyExistsError } from "@cat-harvest/storage";
import { chunkedStream, readBytes } from "@cat-harvest/storage-conformance";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fileSha256, readArchiveLastCopies } from "../test/helpers/archive-readers.js";
import { createTarStorage } from "./index.js";

const text = (s: string) => new TextEncoder().encode(s);
const decode = async (body: ReadableStream<Uint8Array> | null) => new TextDecoder().decode(await readBytes(body!));

let base: string;
let counter = 0;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-storage-tar-supersede-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe.each([".tar", ".tar.gz"])("put with supersede: true on a %s", (extension) => {
  const gzip = extension === ".tar.gz";
  /** An archive with a photo and a metadata file, closed. */
  async function finished(): Promise<string> {
    const path = join(base, `s-${counter++}${extension}`);
    const storage = createTarStorage({ path });
    await storage.put("Bengal/1-1.jpg", text("photo one"));
    await storage.put("metadata.jsonl", text('{"file_name":"Bengal/1-1.jpg"}\n'));
    await storage.close();
    return path;
  }

  test("appends a newer copy after the older one, which GNU tar, Python and a reopened adapter take as the file", async () => {
    const path = await finished();
    const storage = createTarStorage({ path });
    await expect(storage.put("metadata.jsonl", text("{}\n"))).rejects.toBeInstanceOf(StorageKeyExistsError);
    await storage.put("Bengal/2-1.jpg", text("photo two"));
    const newer = '{"file_name":"Bengal/1-1.jpg"}\n{"file_name":"Bengal/2-1.jpg"}\n';
    await storage.put("metadata.jsonl", chunkedStream(text(newer), { chunkSize: 7 }), { supersede: true });
    expect(await decode(await storage.get("metadata.jsonl"))).toBe(newer);
    await storage.close();
    const { files, copies } = await readArchiveLastCopies(path, gzip);
    expect(new TextDecoder().decode(files.get("metadata.jsonl"))).toBe(newer);
    expect(copies.get("metadata.jsonl")).toBe(2);
    const again = createTarStorage({ path, readOnly: true });
    expect(await decode(await again.get("metadata.jsonl"))).toBe(newer);
    await again.close();
  });

  test("a body identical to the stored copy leaves the archive byte for byte as it was", async () => {
    const path = await finished();
    const before = await fileSha256(path);
    const storage = createTarStorage({ path });
    await storage.put("metadata.jsonl", chunkedStream(text('{"file_name":"Bengal/1-1.jpg"}\n'), { chunkSize: 5 }), { supersede: true });
    await storage.put("metadata.jsonl", text('{"file_name":"Bengal/1-1.jpg"}\n'), { supersede: true });
    await storage.close();
    expect(await fileSha256(path)).toBe(before);
  });

  test("a body of the same length with other bytes is a newer copy", async () => {
    const path = await finished();
    const storage = createTarStorage({ path });
    const other = '{"file_name":"Bengal/1-9.jpg"}\n';
    await storage.put("metadata.jsonl", text(other), { supersede: true });
    await storage.close();
    const { files, copies } = await readArchiveLastCopies(path, gzip);
    expect(new TextDecoder().decode(files.get("metadata.jsonl"))).toBe(other);
    expect(copies.get("metadata.jsonl")).toBe(2);
  });

  test("deleting the newer copy makes the older one the file again", async () => {
    const path = await finished();
    const storage = createTarStorage({ path });
    await storage.put("metadata.jsonl", text("{}\n"), { supersede: true });
    expect(await storage.delete("metadata.jsonl")).toBe(true);
    expect(await decode(await storage.get("metadata.jsonl"))).toBe('{"file_name":"Bengal/1-1.jpg"}\n');
    await storage.close();
    expect((await readArchiveLastCopies(path, gzip)).copies.get("metadata.jsonl")).toBe(1);
  });
});
