import type { FileHandle } from "node:fs/promises";
import type { StorageBody } from "@cat-harvest/storage";
import type { FsStorageError } from "./errors.js";

/** Writes a body to `handle`; returns the byte count. Rejects with the signal's reason on abort. */
export async function writeBody(
  handle: FileHandle,
  body: StorageBody,
  signal: AbortSignal | undefined,
  ioError: (error: unknown) => FsStorageError,
): Promise<number> {
  const write = (bytes: Uint8Array) =>
    writeAll(handle, bytes).catch((error: unknown) => {
      throw ioError(error);
    });
  if (body instanceof Uint8Array) {
    await write(body);
    return body.byteLength;
  }
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  let written = 0;
  let finished = false;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      signal?.throwIfAborted();
      await write(value);
      written += value.byteLength;
    }
    finished = true;
    return written;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // On a disk error, tell the source to stop (a download's body, say).
    if (!finished) await reader.cancel(signal?.reason).catch(() => {});
    reader.releaseLock();
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
    offset += bytesWritten;
  }
}
