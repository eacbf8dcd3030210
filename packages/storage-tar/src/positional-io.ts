import type { ArchiveFile } from "./archive-file.js";

/** Reads up to `length` bytes at `offset`; fewer only at the end of the file. */
export async function readAt(file: ArchiveFile, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.read(out, filled, length - filled, offset + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return out.subarray(0, filled);
}

/** Errors the file system threw on a write or flush of the archive (not a body's or a caller's). */
const writeFailures = new WeakSet<object>();

/** Whether `error` came from the file system refusing a write or flush of the archive (a full disk, say). */
export function isWriteFailure(error: unknown): boolean {
  return typeof error === "object" && error !== null && writeFailures.has(error);
}

/** Runs a write or flush of the archive, marking what it throws as a write failure. */
export async function fileWrite<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (typeof error === "object" && error !== null) writeFailures.add(error);
    throw error;
  }
}

/** Writes all of `bytes` at `offset` (a positional write may take several calls). */
export async function writeAt(file: ArchiveFile, bytes: Uint8Array, offset: number): Promise<void> {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await fileWrite(file.write(bytes, done, bytes.byteLength - done, offset + done));
    done += bytesWritten;
  }
}
