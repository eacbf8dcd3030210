import { open, type FileHandle } from "node:fs/promises";
import { FsStorageError } from "./errors.js";

const READ_CHUNK = 65536;

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

/** A web stream over an open file; the handle closes at the end, on error and on cancel. */
function fileStream(handle: FileHandle, ioError: (error: unknown) => FsStorageError): ReadableStream<Uint8Array> {
  let open = true;
  const release = async () => {
    if (!open) return;
    open = false;
    await handle.close().catch(() => {});
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const buffer = new Uint8Array(READ_CHUNK);
        const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
        if (bytesRead === 0) {
          await release();
          controller.close();
          return;
        }
        controller.enqueue(buffer.subarray(0, bytesRead));
      } catch (error) {
        await release();
        controller.error(ioError(error));
      }
    },
    cancel: release,
  });
}
