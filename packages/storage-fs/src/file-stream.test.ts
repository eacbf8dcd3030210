import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openFileStream } from "./file-stream.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cat-harvest-file-stream-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function chunksOf(path: string): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of (await openFileStream("k", path))!) chunks.push(chunk);
  return chunks;
}

test("a small file comes back as its own bytes, not a view into a 64 KiB buffer", async () => {
  const body = Uint8Array.from({ length: 1400 }, (_, i) => i & 0xff);
  await writeFile(join(dir, "small.jpg"), body);
  const chunks = await chunksOf(join(dir, "small.jpg"));
  expect(chunks).toHaveLength(1);
  expect(chunks[0]).toEqual(body);
  expect(chunks[0]!.buffer.byteLength).toBe(1400);
});

test("a large file comes back whole, in reads of 16 KiB then 64 KiB", async () => {
  const body = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff);
  await writeFile(join(dir, "large.jpg"), body);
  const chunks = await chunksOf(join(dir, "large.jpg"));
  expect(Buffer.concat(chunks).equals(body)).toBe(true);
  expect(chunks.map((c) => c.byteLength).slice(0, 3)).toEqual([16384, 65536, 65536]);
});

test("a missing file is null", async () => {
  expect(await openFileStream("k", join(dir, "none.jpg"))).toBeNull();
});

test("a small file's bytes stay its own while the next files are read", async () => {
  const bodies = [0, 1, 2].map((n) => Uint8Array.from({ length: 1000 + n }, (_, i) => (i + n * 50) & 0xff));
  for (const [n, body] of bodies.entries()) await writeFile(join(dir, `s${n}.jpg`), body);
  const read: Uint8Array[] = [];
  for (const n of [0, 1, 2]) read.push(...(await chunksOf(join(dir, `s${n}.jpg`))));
  expect(read).toEqual(bodies);
});
