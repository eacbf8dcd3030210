import { checkPutArguments, collectBody, type PutOptions, readOnlyError, type StorageBody, StorageClosedError } from "@cat-harvest/storage";
import { appendTarEntry, type NewEntry } from "./append-tar-entry.js";
import { appendTarGzEntry } from "./append-tar-gz-entry.js";
import type { ArchiveFile } from "./archive-file.js";
import { compareWithStored } from "./compare-with-stored.js";
import { TarEntryTooLargeError, TarWriteError } from "./errors.js";
import { isWriteFailure } from "./positional-io.js";
import { readEntry } from "./read-entry.js";
import type { EntryLocation } from "./scan-archive.js";
import { ensureOpen, type TarSession } from "./tar-session.js";

/**
 * A put: checks the key against the stored ones, waits for its turn to write, buffers a
 * body without a size, and appends the entry. A `supersede` put of a stored key appends a
 * newer copy, unless its bytes are those of the stored copy. When it fails, an unread body
 * stream is cancelled with the error; a write the file system refused is a `TarWriteError`.
 */
export async function putEntry(session: TarSession, key: string, body: StorageBody, putOptions?: PutOptions): Promise<void> {
  checkPutArguments("tar", key, body, putOptions);
  const signal = putOptions?.signal;
  const supersede = putOptions?.supersede === true;
  try {
    if (session.options.readOnly) throw readOnlyError("tar", `put ${JSON.stringify(key)}`);
    signal?.throwIfAborted();
    ensureOpen(session, "put");
    const archive = await session.archive();
    session.index.checkNew(key, { supersede });
    const release = await session.lane.acquire(signal);
    try {
      // A put called before close() still runs: close() waits for it.
      if (session.closed) throw new StorageClosedError("tar", "put");
      session.index.checkNew(key, { supersede });
      signal?.throwIfAborted();
      const sized = await sizedEntry(key, body, putOptions?.size, signal, session.options.maxEntrySize);
      const entry = againstStoredCopy(session, archive.file, sized, supersede ? session.index.get(key) : undefined);
      const { gzip, fsync, gzipLevel } = session.options;
      const appended = gzip ? await appendTarGzEntry(archive, entry, { fsync, gzipLevel }) : await appendTarEntry(archive, entry, fsync);
      if (appended) session.index.append(appended);
    } finally {
      release();
    }
  } catch (error) {
    const failure = isWriteFailure(error) ? new TarWriteError(session.options.path, key, error) : error;
    if (body instanceof ReadableStream && !body.locked) void body.cancel(failure).catch(() => {});
    throw failure;
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

/** A superseding entry of the stored copy's length is compared with it as it is written, and dropped when identical. */
function againstStoredCopy(session: TarSession, file: ArchiveFile, entry: NewEntry, stored: EntryLocation | undefined): NewEntry {
  if (!stored || stored.size !== entry.size) return entry;
  const copy = readEntry({ file, path: session.options.path, isClosed: () => session.closed }, stored, session.options.gzip);
  const { body, unchanged } = compareWithStored(entry.body, entry.size, copy);
  return { ...entry, body, unchanged };
}
