import { checkPutArguments, collectBody, type PutOptions, type StorageBody, StorageClosedError } from "@cat-harvest/storage";
import { appendTarEntry, type NewEntry } from "./append-tar-entry.js";
import { appendTarGzEntry } from "./append-tar-gz-entry.js";
import { TarEntryTooLargeError } from "./errors.js";
import { ensureOpen, type TarSession } from "./tar-session.js";

/**
 * A put: checks the key against the stored ones, waits for its turn to write, buffers a
 * body without a size, and appends the entry. When it fails, an unread body stream is
 * cancelled with the error.
 */
export async function putEntry(session: TarSession, key: string, body: StorageBody, putOptions?: PutOptions): Promise<void> {
  checkPutArguments("tar", key, body, putOptions);
  const signal = putOptions?.signal;
  try {
    signal?.throwIfAborted();
    ensureOpen(session, "put");
    const archive = await session.archive();
    session.index.checkNew(key);
    const release = await session.lane.acquire(signal);
    try {
      // A put called before close() still runs: close() waits for it.
      if (session.closed) throw new StorageClosedError("tar", "put");
      session.index.checkNew(key);
      signal?.throwIfAborted();
      const entry = await sizedEntry(key, body, putOptions?.size, signal, session.options.maxEntrySize);
      const { gzip, fsync, gzipLevel } = session.options;
      session.index.append(gzip ? await appendTarGzEntry(archive, entry, { fsync, gzipLevel }) : await appendTarEntry(archive, entry, fsync));
    } finally {
      release();
    }
  } catch (error) {
    if (body instanceof ReadableStream && !body.locked) void body.cancel(error).catch(() => {});
    throw error;
  }
}

/** The entry to write: a tar header needs the length first, so a stream without `size` is read whole (up to `maxEntrySize`). */
async function sizedEntry(key: string, body: StorageBody, size: number | undefined, signal: AbortSignal | undefined, maxEntrySize: number): Promise<NewEntry> {
  if (size !== undefined) return { key, size, body, signal };
  const bytes =
    body instanceof ReadableStream
      ? await collectBody(body, signal, { maxBytes: maxEntrySize, tooLarge: (limit) => new TarEntryTooLargeError(key, limit) })
      : body;
  return { key, size: bytes.byteLength, body: bytes, signal };
}
