import { createTarPacker } from "modern-tar";
import { TarSizeMismatchError } from "./errors.js";

/**
 * Streams one entry through modern-tar's packer: header blocks, `size` bytes of body,
 * padding, then the two end-of-archive blocks. Every output chunk goes to `sink`, one at
 * a time, so memory stays at the packer's queue plus one chunk. Rejects (with the body's
 * error, the signal's reason, or `TarSizeMismatchError`) if the body does not deliver
 * exactly `size` bytes; the caller then rolls the file back.
 */
export async function packEntry(
  key: string,
  size: number,
  body: ReadableStream<Uint8Array> | Uint8Array,
  sink: (chunk: Uint8Array) => Promise<void>,
  signal: AbortSignal | undefined,
  mtime: Date,
): Promise<void> {
  const { readable, controller } = createTarPacker();
  let failure: { error: unknown } | undefined;
  // Stops reading the body when writing fails, so a stalled body cannot hold the put.
  const stop = new AbortController();
  const fail = (error: unknown) => {
    failure ??= { error };
    stop.abort(error);
    try {
      controller.error(error);
    } catch {
      // already stopped
    }
  };
  const entry = controller.add({ name: key, size, type: "file", mode: 0o644, mtime });

  const consume = async () => {
    const reader = readable.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        await sink(value);
      }
    } catch (error) {
      fail(error);
    } finally {
      reader.releaseLock();
    }
  };

  const produce = async () => {
    const writer = entry.getWriter();
    try {
      if (body instanceof Uint8Array) {
        if (body.byteLength !== size) throw new TarSizeMismatchError(key, size, body.byteLength);
        if (body.byteLength > 0) await writer.write(body);
      } else {
        await pump(key, size, body, writer, signal, stop.signal);
      }
      await writer.close();
      controller.finalize();
    } catch (error) {
      fail(error);
    }
  };

  await Promise.all([consume(), produce()]);
  if (failure) throw failure.error;
}

async function pump(
  key: string,
  size: number,
  body: ReadableStream<Uint8Array>,
  writer: WritableStreamDefaultWriter<Uint8Array>,
  signal: AbortSignal | undefined,
  stop: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  const onStop = () => void reader.cancel(stop.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  stop.addEventListener("abort", onStop, { once: true });
  let received = 0;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      received += value.byteLength;
      if (received > size) throw new TarSizeMismatchError(key, size, received);
      if (value.byteLength > 0) await writer.write(value);
    }
    if (received !== size) throw new TarSizeMismatchError(key, size, received);
  } catch (error) {
    await reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    stop.removeEventListener("abort", onStop);
    reader.releaseLock();
  }
}
