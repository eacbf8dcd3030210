import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { tarSize, tarStream, type TarMember } from "./shard-tar.js";

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

/** A body handed over as a stream of `chunk`-byte pieces. */
function streamed(body: Uint8Array, chunk: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= body.byteLength) return controller.close();
      controller.enqueue(body.slice(at, (at += chunk)));
    },
  });
}

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const join = (chunks: Uint8Array[]) => Buffer.concat(chunks);

describe("tarStream", () => {
  test("packs many small members into chunks of up to 64 KiB that GNU tar reads back whole", async () => {
    const bodies = Array.from({ length: 500 }, (_, i) => bytes(1000 + i, i));
    const members: TarMember[] = bodies.map((body, i) => ({
      name: `${String(i).padStart(4, "0")}.jpg`,
      size: body.byteLength,
      body: async () => (i % 2 ? body : streamed(body, 700)),
    }));
    const chunks = await chunksOf(tarStream(members));
    const tar = join(chunks);
    expect(tar.byteLength).toBe(tarSize(members));
    // 500 members of ~1.2 KB with headers and padding: about 1 MB, in some 16 chunks, not 1,500
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil(tar.byteLength / 65536) + 1);
    expect(Math.max(...chunks.map((c) => c.byteLength))).toBeLessThanOrEqual(65536);
    const listing = execFileSync("tar", ["-tvf", "-"], { input: tar, encoding: "utf8" }).trim().split("\n");
    expect(listing).toHaveLength(500);
    expect(listing[7]).toMatch(/ 1007 .* 0007\.jpg$/);
    const member = execFileSync("tar", ["-xOf", "-", "0499.jpg"], { input: tar });
    expect(new Uint8Array(member)).toEqual(bodies[499]);
  });

  test("hands a body chunk larger than a batch on unchanged, between batches", async () => {
    const big = bytes(200_000, 7);
    const members: TarMember[] = [
      { name: "a.json", size: 3, body: async () => bytes(3, 1) },
      { name: "b.jpg", size: big.byteLength, body: async () => streamed(big, 100_000) },
    ];
    const tar = join(await chunksOf(tarStream(members)));
    expect(new Uint8Array(execFileSync("tar", ["-xOf", "-", "b.jpg"], { input: tar }))).toEqual(big);
  });

  test("errors on a body shorter or longer than its member says", async () => {
    const short: TarMember[] = [{ name: "s.jpg", size: 10, body: async () => streamed(bytes(9, 0), 4) }];
    await expect(chunksOf(tarStream(short))).rejects.toThrow("tar member s.jpg: expected 10 bytes, got 9");
    const long: TarMember[] = [{ name: "l.jpg", size: 10, body: async () => bytes(11, 0) }];
    await expect(chunksOf(tarStream(long))).rejects.toThrow("tar member l.jpg: longer than 10 bytes");
  });
});
