import { createHash } from "node:crypto";

/** sha256 (hex) and length of a stream, read chunk by chunk. */
export async function hashStream(body: ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      bytes += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  return { sha256: hash.digest("hex"), bytes };
}
