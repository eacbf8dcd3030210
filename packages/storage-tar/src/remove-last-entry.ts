import { END_OF_ARCHIVE, TAIL_MEMBER_SIZE, tailMember } from "./gzip-member.js";
import { flushIf, type OpenArchive } from "./open-archive.js";
import { writeAt } from "./positional-io.js";
import type { EntryLocation } from "./scan-archive.js";

/**
 * Cuts the archive's last entry off: the end marker goes back where the entry starts (an
 * empty member in front of it becomes the tail member again), then the file is truncated.
 * The caller has checked that `entry` is the last one and starts at a boundary.
 */
export async function removeLastEntry(
  archive: OpenArchive,
  entry: EntryLocation & { start: number },
  options: { gzip: boolean; fsync: boolean },
): Promise<void> {
  const { file } = archive;
  if (!options.gzip) {
    await writeAt(file, END_OF_ARCHIVE, entry.start);
    await flushIf(options.fsync, file);
    await file.truncate(entry.start + END_OF_ARCHIVE.byteLength);
  } else if (entry.atomicUndo) {
    await writeAt(file, tailMember(), entry.start);
    await flushIf(options.fsync, file);
    await file.truncate(entry.start + TAIL_MEMBER_SIZE);
  } else {
    await file.truncate(entry.start);
    await writeAt(file, tailMember(), entry.start);
  }
  archive.tail = entry.start;
  await flushIf(options.fsync, file);
}
