import { mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { TarArchiveError } from "./errors.js";
import { END_OF_ARCHIVE, TAIL_MEMBER_SIZE, tailMember } from "./gzip-member.js";
import { readAt, writeAt } from "./positional-io.js";
import { scanTar, scanTarGz, type EntryLocation } from "./scan-archive.js";

/** The archive file, open for reading and writing, and where new entries go. */
export interface OpenArchive {
  readonly file: FileHandle;
  /** tar: offset of the end-of-archive blocks. tar.gz: offset of the tail member. */
  tail: number;
}

/** Flushes the file's data to the disk when `fsync` asks for it. */
export async function flushIf(fsync: boolean, file: FileHandle): Promise<void> {
  if (fsync) await file.datasync();
}

/**
 * Opens (creating) the file, scans an existing archive and puts its end marker right.
 * Resolves with the open archive and the entries found, in archive order.
 */
export async function openArchive(path: string, gzip: boolean): Promise<{ state: OpenArchive; entries: EntryLocation[] }> {
  const file = await openOrCreate(path);
  try {
    const { size } = await file.stat();
    if (size === 0) return { state: { file, tail: await repairEnd(file, 0, gzip) }, entries: [] };
    const read = (offset: number, length: number) => readAt(file, offset, length);
    const scan = gzip ? await scanTarGz(read, size, path) : await scanTar(read, size, path);
    if (gzip && scan.tailInPlace) {
      if (size !== scan.end + TAIL_MEMBER_SIZE) await file.truncate(scan.end + TAIL_MEMBER_SIZE);
      await file.datasync();
      return { state: { file, tail: scan.end }, entries: scan.entries };
    }
    return { state: { file, tail: await repairEnd(file, scan.end, gzip) }, entries: scan.entries };
  } catch (error) {
    await file.close().catch(() => {});
    throw error;
  }
}

/** Opens `path` for reading and writing, creating it and its folder when missing. */
async function openOrCreate(path: string): Promise<FileHandle> {
  await mkdir(dirname(path), { recursive: true });
  try {
    return await open(path, "r+");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new TarArchiveError(path, `it cannot be opened for reading and writing (${(error as Error).message})`, undefined, { cause: error });
    }
    return open(path, "w+");
  }
}

/**
 * A new archive, or one whose end marker is missing or followed by an interrupted entry:
 * writes the marker at `tail` first (the archive is then valid), then drops what follows it.
 * Returns `tail`.
 */
async function repairEnd(file: FileHandle, tail: number, gzip: boolean): Promise<number> {
  const marker = gzip ? tailMember() : END_OF_ARCHIVE;
  const current = await readAt(file, tail, marker.byteLength + 1);
  if (!(current.byteLength === marker.byteLength && current.every((b, i) => b === marker[i]))) {
    await writeAt(file, marker, tail);
    await file.truncate(tail + marker.byteLength);
    await file.datasync();
  }
  return tail;
}
