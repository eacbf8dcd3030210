import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { UrlListInput } from "@cat-harvest/harvest";

/**
 * A URL list file as `parseUrlList` reads it: streamed for the line formats, read by ranges
 * (for Parquet) through a file handle opened per read. `undefined` when `path` is no file.
 */
export async function openListFile(path: string): Promise<UrlListInput | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const size = info.size;
  return {
    name: path,
    size,
    stream: () => Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    read: (start, end) => readRange(path, start, Math.min(end, size)),
  };
}

async function readRange(path: string, start: number, end: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(Math.max(0, end - start));
  const handle = await open(path, "r");
  try {
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
