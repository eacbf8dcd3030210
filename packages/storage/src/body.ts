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

export interface CollectBodyOptions {
  /** Refuse bodies longer than this many bytes. */
  readonly maxBytes?: number;
  /** The error to throw (and cancel the stream with) past `maxBytes`. */
  readonly tooLarge?: (maxBytes: number) => Error;
}

/**
 * Reads a whole body into one buffer, honouring `signal`. For small objects (metadata
 * files, archive entries of unknown size); downloads should stream instead. Past
 * `options.maxBytes` it cancels the stream and throws `options.tooLarge(maxBytes)`.
 */
export async function collectBody(body: StorageBody, signal?: AbortSignal, options: CollectBodyOptions = {}): Promise<Uint8Array> {
  const { maxBytes = Number.POSITIVE_INFINITY } = options;
  const tooLarge = () => options.tooLarge?.(maxBytes) ?? new RangeError(`The body is longer than ${maxBytes} bytes`);
  if (body instanceof Uint8Array) {
    signal?.throwIfAborted();
    if (body.byteLength > maxBytes) throw tooLarge();
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
      length += value.byteLength;
      if (length > maxBytes) {
        const error = tooLarge();
        await reader.cancel(error).catch(() => {});
        throw error;
      }
      chunks.push(value);
    }
    signal?.throwIfAborted();
    return concatChunks(chunks, length);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
}

/** Joins chunks into one buffer of `length` bytes (their total, when the caller knows it). */
export function concatChunks(chunks: readonly Uint8Array[], length = chunks.reduce((n, c) => n + c.byteLength, 0)): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
