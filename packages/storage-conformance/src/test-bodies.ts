/**
 * Bodies the conformance suite (and adapter tests) feed to `put`: deterministic bytes,
 * chunked streams, streams that error or stall, and a reader that collects a stream.
 */

/** Deterministic, non-repeating-looking bytes, so a swapped or shifted chunk shows. */
export function patternBytes(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    // xorshift32: cheap and good enough to make every offset distinct in practice.
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export interface ChunkedStreamOptions {
  /**
   * Bytes per chunk.
   * @default 65536
   */
  readonly chunkSize?: number;
  /**
   * Yield to the event loop (a macrotask) before each chunk, so concurrent puts interleave.
   * @default false
   */
  readonly yieldBetweenChunks?: boolean;
}

/** A pull stream that hands out `bytes` in chunks of `chunkSize`. */
export function chunkedStream(bytes: Uint8Array, options: ChunkedStreamOptions = {}): ReadableStream<Uint8Array> {
  const chunkSize = options.chunkSize ?? 65536;
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (options.yieldBetweenChunks) await new Promise((resolve) => setTimeout(resolve, 0));
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      const end = Math.min(offset + chunkSize, bytes.byteLength);
      // A copy, so an adapter that keeps a reference to a chunk cannot see it change.
      controller.enqueue(bytes.slice(offset, end));
      offset = end;
    },
  });
}

/** A stream that hands out `bytes` in chunks, then errors with `error` instead of closing. */
export function erroringStream(bytes: Uint8Array, error: unknown, chunkSize = 16384): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.error(error);
        return;
      }
      const end = Math.min(offset + chunkSize, bytes.byteLength);
      controller.enqueue(bytes.slice(offset, end));
      offset = end;
    },
  });
}

/**
 * A stream that hands out `bytes` in chunks, then calls `onStall` and never produces
 * another chunk: only the put's signal can end such a put.
 */
export function stallingStream(bytes: Uint8Array, onStall: () => void, chunkSize = 16384): ReadableStream<Uint8Array> {
  let offset = 0;
  let stalled = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        if (!stalled) {
          stalled = true;
          onStall();
        }
        return new Promise<void>(() => {});
      }
      const end = Math.min(offset + chunkSize, bytes.byteLength);
      controller.enqueue(bytes.slice(offset, end));
      offset = end;
      return undefined;
    },
  });
}

/** A stream whose chunks the test pushes by hand (`push`, `end`). */
export function manualStream(): { stream: ReadableStream<Uint8Array>; push: (chunk: Uint8Array) => void; end: () => void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return { stream, push: (chunk) => controller.enqueue(chunk), end: () => controller.close() };
}

/** Reads a whole stream into one buffer. */
export async function readBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Compares two byte arrays without printing megabytes on failure. */
export function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
