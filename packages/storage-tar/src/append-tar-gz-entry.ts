import type { ArchiveFile } from "./archive-file.js";
import type { NewEntry } from "./append-tar-entry.js";
import { ByteQueue } from "./byte-queue.js";
import { TAIL_MEMBER_SIZE, emptyMember, gzipMember, tailMember } from "./gzip-member.js";
import { flushIf, type OpenArchive } from "./open-archive.js";
import { packEntry } from "./pack-entry.js";
import { writeAt } from "./positional-io.js";
import type { EntryLocation } from "./scan-archive.js";
import { paddedSize } from "./tar-header.js";

/** Uncompressed tar bytes per gzip member (64 KiB). */
const MEMBER_INPUT = 64 * 1024;
/** tar's end marker, which ends every packed entry and which the tail member carries instead. */
const END_MARKER = 1024;

/**
 * Appends one entry to a .tar.gz as gzip members written after the tail member; then a new
 * tail member, and one write turns the old tail into an empty member, which makes the entry
 * part of the archive. On failure the old tail is put back and what follows it dropped.
 * Resolves `null` when `entry.unchanged` dropped it.
 */
export async function appendTarGzEntry(archive: OpenArchive, entry: NewEntry, options: { fsync: boolean; gzipLevel: number }): Promise<EntryLocation | null> {
  const { file } = archive;
  const start = archive.tail;
  const members = new MemberWriter(file, start + TAIL_MEMBER_SIZE, options.gzipLevel);
  const pending = new ByteQueue();
  const compress = async (chunk: Uint8Array) => {
    pending.push(chunk.slice());
    // Hold back the end marker: the stream ends with it, and the tail member carries it.
    while (pending.length >= MEMBER_INPUT + END_MARKER) await members.write(pending.take(MEMBER_INPUT));
  };
  try {
    await packEntry(entry.key, entry.size, entry.body, compress, entry.signal, new Date());
    const rest = pending.take(pending.length - END_MARKER);
    if (rest.byteLength > 0) await members.write(rest);
    if (entry.unchanged?.()) {
      // Never committed: the old tail member at start is still in place.
      await file.truncate(start + TAIL_MEMBER_SIZE);
      return null;
    }
    await writeAt(file, tailMember(), members.position);
    await flushIf(options.fsync, file);
    await writeAt(file, emptyMember(), start);
    await flushIf(options.fsync, file);
  } catch (error) {
    await writeAt(file, tailMember(), start)
      .then(() => file.truncate(start + TAIL_MEMBER_SIZE))
      .catch(() => {});
    throw error;
  }
  archive.tail = members.position;
  const dataFrom = members.emitted - paddedSize(entry.size);
  const holder = members.holding(dataFrom);
  return { key: entry.key, size: entry.size, start, atomicUndo: true, end: members.position, data: holder.offset, skip: dataFrom - holder.from };
}

/** Writes gzip members one after another, remembering where each starts in the file and in the tar stream. */
class MemberWriter {
  /** File offset of the next member. */
  position: number;
  /** Uncompressed bytes written so far. */
  emitted = 0;
  readonly #members: Array<{ offset: number; from: number }> = [];

  constructor(
    private readonly file: ArchiveFile,
    start: number,
    private readonly level: number,
  ) {
    this.position = start;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const member = await gzipMember(bytes, this.level);
    this.#members.push({ offset: this.position, from: this.emitted });
    await writeAt(this.file, member, this.position);
    this.position += member.byteLength;
    this.emitted += bytes.byteLength;
  }

  /** The member whose output holds the uncompressed byte at `from`. */
  holding(from: number): { offset: number; from: number } {
    return [...this.#members].reverse().find((m) => m.from <= from) ?? this.#members[0]!;
  }
}
