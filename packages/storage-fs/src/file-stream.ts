import { open, type FileHandle } from "node:fs/promises";
import { FsStorageError } from "./errors.js";

/** The largest read: a big file comes in chunks of this size. */
const READ_CHUNK = 65536;
/** The first read: most photos fit, and a small file does not cost a 64 KiB buffer. */
const FIRST_READ = 16384;
/** First-read buffers of finished streams, kept for the next ones (a spool reads back 10,000 files a shard). */
const spare: Uint8Array[] = [];
const MAX_SPARE = 64;

/** The stored file at `path` as a web stream, or `null` when it is gone. */
export async function openFileStream(key: string, path: string): Promise<ReadableStream<Uint8Array> | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return null;
    throw new FsStorageError("get", key, path, error);
  }
  return fileStream(handle, (error) => new FsStorageError("get", key, path, error));
}

/**
 * A web stream over an open file; the handle closes at the end, on error and on cancel. Reads go
 * into one scratch buffer (16 KiB, then 64 KiB once a read fills it): a read that fills less than
 * a quarter of it is copied out, so a small file (a photo of a few KB, read back from a spool)
 * costs its own bytes and one scratch, not a fresh 64 KiB buffer per read kept alive by a
 * subarray. A fuller read hands its buffer on and the next read takes a new one. A first-read
 * buffer never handed on goes back to a small pool at the file's end, for the next file.
 */
function fileStream(handle: FileHandle, ioError: (error: unknown) => FsStorageError): ReadableStream<Uint8Array> {
  let open = true;
  let scratch: Uint8Array | undefined;
  let size = FIRST_READ;
  const release = async () => {
    if (!open) return;
    open = false;
    await handle.close().catch(() => {});
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const buffer = (scratch ??= (size === FIRST_READ ? spare.pop() : undefined) ?? new Uint8Array(size));
        const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
        if (bytesRead === 0) {
          // Only here, with no read under way into it, may the scratch serve another file.
          if (buffer.byteLength === FIRST_READ && spare.length < MAX_SPARE) spare.push(buffer);
          scratch = undefined;
          await release();
          controller.close();
          return;
        }
        if (bytesRead < buffer.byteLength / 4) {
          controller.enqueue(buffer.slice(0, bytesRead));
          return;
        }
        scratch = undefined;
        if (bytesRead === buffer.byteLength) size = READ_CHUNK;
        controller.enqueue(buffer.subarray(0, bytesRead));
      } catch (error) {
        await release();
        controller.error(ioError(error));
      }
    },
    cancel: release,
  });
}
