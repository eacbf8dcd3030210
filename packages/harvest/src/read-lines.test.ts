import { describe, expect, test } from "vitest";
import { readBoundedLines, readLines } from "./read-lines.js";

const encoder = new TextEncoder();

/** A stream of `chunks` pieces, each given as text. */
const streamOf = (chunks: readonly string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(encoder.encode(chunk));
      c.close();
    },
  });

async function collect<T>(lines: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe("readLines", () => {
  test("splits on \\n and \\r\\n across chunk boundaries, keeping a last line without newline", async () => {
    expect(await collect(readLines(streamOf(["a\r", "\nbb", "b\n\nc", "c\r\n", "last"])))).toEqual(["a", "bbb", "", "cc", "last"]);
  });
});

describe("readBoundedLines", () => {
  test("gives a line over the limit as its start and its whole length", async () => {
    const long = "x".repeat(25);
    expect(await collect(readBoundedLines(streamOf(["short\r\n", long.slice(0, 7), long.slice(7), "\r\nnext"]), 10))).toEqual([
      { text: "short", length: 5 },
      { text: "xxxxxxxxxx", length: 25 },
      { text: "next", length: 4 },
    ]);
  });

  test("never holds a long line whole: a 256 MB line costs far less than 256 MB of memory", async () => {
    const lineBytes = 256 * 1024 * 1024;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    let peak = 0;
    const base = process.memoryUsage();
    const grown = () => {
      const now = process.memoryUsage();
      return now.heapUsed - base.heapUsed + (now.arrayBuffers - base.arrayBuffers);
    };
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        peak = Math.max(peak, grown());
        if (sent < lineBytes) {
          c.enqueue(chunk.slice());
          sent += chunk.byteLength;
        } else {
          c.enqueue(encoder.encode("\nafter\n"));
          c.close();
        }
      },
    });
    const lines = await collect(readBoundedLines(body, 65_536));
    expect(lines.map((l) => [l.text.length, l.length])).toEqual([
      [65_536, lineBytes],
      [5, 5],
    ]);
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);
});
