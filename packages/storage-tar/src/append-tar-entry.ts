import { END_OF_ARCHIVE } from "./gzip-member.js";
import { flushIf, type OpenArchive } from "./open-archive.js";
import { packEntry } from "./pack-entry.js";
import { writeAt } from "./positional-io.js";
import type { EntryLocation } from "./scan-archive.js";
import { paddedSize } from "./tar-header.js";

/** One entry to append: its key, its exact length and its body. */
export interface NewEntry {
  readonly key: string;
  readonly size: number;
  readonly body: ReadableStream<Uint8Array> | Uint8Array;
  readonly signal: AbortSignal | undefined;
  /**
   * Asked once the whole entry is written, before it is committed: `true` drops it instead
   * (a superseding body identical to the stored copy), leaving the archive as it was.
   */
  readonly unchanged?: () => boolean;
}

/**
 * Appends one entry to a .tar; the archive stays valid throughout, and the entry appears
 * with one small write. On failure the end marker is put back and what follows it dropped.
 * Resolves `null` when `entry.unchanged` dropped it.
 */
export async function appendTarEntry(archive: OpenArchive, entry: NewEntry, fsync: boolean): Promise<EntryLocation | null> {
  const { file } = archive;
  const start = archive.tail;
  // The first 1,024 bytes replace the current end marker, so they are written last.
  const head = new Uint8Array(1024);
  let written = 0;
  const writeAfterHead = async (chunk: Uint8Array) => {
    let from = 0;
    if (written < head.byteLength) {
      from = Math.min(chunk.byteLength, head.byteLength - written);
      head.set(chunk.subarray(0, from), written);
    }
    if (from < chunk.byteLength) await writeAt(file, chunk.subarray(from), start + written + from);
    written += chunk.byteLength;
  };
  try {
    await packEntry(entry.key, entry.size, entry.body, writeAfterHead, entry.signal, new Date());
    if (entry.unchanged?.()) {
      // Never committed: the end marker at start is still in place.
      await file.truncate(start + 1024);
      return null;
    }
    await flushIf(fsync, file);
    await writeAt(file, head, start);
    await flushIf(fsync, file);
  } catch (error) {
    // The end marker at start is what readers see; put it back (a no-op unless the commit
    // write itself failed) and drop what follows it.
    await writeAt(file, END_OF_ARCHIVE, start)
      .then(() => file.truncate(start + 1024))
      .catch(() => {});
    throw error;
  }
  archive.tail = start + written - 1024;
  const { key, size } = entry;
  return { key, size, start, atomicUndo: true, end: archive.tail, data: archive.tail - paddedSize(size), skip: 0 };
}
