import type { StorageBody } from "./types.js";

/** Turns a body into a stream, so adapters handle one shape. */
export function toStream(body: StorageBody): ReadableStream<Uint8Array> {
  if (body instanceof Uint8Array) {
    return new ReadableStream({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    });
  }
  return body;
}

/**
 * Reads a whole body into one buffer, honouring `signal`. For small objects (metadata
 * files, archive entries of unknown size); downloads should stream instead.
 */
export async function collectBody(body: StorageBody, signal?: AbortSignal): Promise<Uint8Array> {
  if (body instanceof Uint8Array) {
    signal?.throwIfAborted();
    return body;
  }
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
    signal?.throwIfAborted();
    const out = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
}
