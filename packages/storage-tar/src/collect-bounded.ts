import { TarEntryTooLargeError } from "./errors.js";

/**
 * Reads a body of unknown length into one buffer, refusing with `TarEntryTooLargeError`
 * (and cancelling the body) as soon as it passes `limit` bytes. Honours `signal`.
 */
export async function collectBounded(key: string, body: ReadableStream<Uint8Array>, limit: number, signal?: AbortSignal): Promise<Uint8Array> {
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      length += value.byteLength;
      if (length > limit) {
        const error = new TarEntryTooLargeError(key, limit);
        await reader.cancel(error).catch(() => {});
        throw error;
      }
      chunks.push(value);
    }
    const out = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
}
