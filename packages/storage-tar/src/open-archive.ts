import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { ArchiveFile, OpenArchiveFile } from "./archive-file.js";
import { TarArchiveError } from "./errors.js";
import { END_OF_ARCHIVE, TAIL_MEMBER_SIZE, tailMember } from "./gzip-member.js";
import { fileWrite, readAt, writeAt } from "./positional-io.js";
import { scanTar, scanTarGz, type EntryLocation } from "./scan-archive.js";

/** The archive file, open for reading (and, unless read-only, writing), and where new entries go. */
export interface OpenArchive {
  readonly file: ArchiveFile;
  /** tar: offset of the end-of-archive blocks. tar.gz: offset of the tail member. */
  tail: number;
}

/** How to open the archive: the options of `createTarStorage` that matter here. */
export interface OpenArchiveOptions {
  readonly path: string;
  readonly gzip: boolean;
  readonly readOnly: boolean;
  readonly openFile: OpenArchiveFile;
}

/** Flushes the file's data to the disk when `fsync` asks for it. */
export async function flushIf(fsync: boolean, file: ArchiveFile): Promise<void> {
  if (fsync) await fileWrite(file.datasync());
}

/**
 * Opens the file and scans an existing archive. A writer creates a missing file and puts the
 * end marker right (dropping an unfinished entry after it); a reader (`readOnly`) changes
 * nothing and ignores what follows the marker. Resolves with the open archive and the
 * entries found, in archive order.
 */
export async function openArchive(options: OpenArchiveOptions): Promise<{ state: OpenArchive; entries: EntryLocation[] }> {
  const { path, gzip, readOnly } = options;
  const file = readOnly ? await openForReading(options) : await openOrCreate(options);
  try {
    const { size } = await file.stat();
    if (size === 0) return { state: { file, tail: readOnly ? 0 : await repairEnd(file, 0, gzip) }, entries: [] };
    const read = (offset: number, length: number) => readAt(file, offset, length);
    const scan = gzip ? await scanTarGz(read, size, path, { appending: !readOnly }) : await scanTar(read, size, path);
    if (readOnly) return { state: { file, tail: scan.end }, entries: scan.entries };
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

/** Opens `path` with a read-only handle; a missing file is an error, never created. */
async function openForReading({ path, openFile }: OpenArchiveOptions): Promise<ArchiveFile> {
  try {
    return await openFile(path, "r");
  } catch (error) {
    const problem =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : `it cannot be opened for reading (${(error as Error).message})`;
    throw new TarArchiveError(path, problem, undefined, { cause: error });
  }
}

/** Opens `path` for reading and writing, creating it and its folder when missing. */
async function openOrCreate({ path, openFile }: OpenArchiveOptions): Promise<ArchiveFile> {
  await mkdir(dirname(path), { recursive: true });
  try {
    return await openFile(path, "r+");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new TarArchiveError(path, `it cannot be opened for reading and writing (${(error as Error).message})`, undefined, { cause: error });
    }
    return openFile(path, "w+");
  }
}

/**
 * A new archive, or one whose end marker is followed by an interrupted entry (or, for an
 * archive another tool cut short, missing): writes the marker at `tail` first (the archive
 * is then valid), then drops what follows it. Returns `tail`.
 */
async function repairEnd(file: ArchiveFile, tail: number, gzip: boolean): Promise<number> {
  const marker = gzip ? tailMember() : END_OF_ARCHIVE;
  const current = await readAt(file, tail, marker.byteLength + 1);
  if (!(current.byteLength === marker.byteLength && current.every((b, i) => b === marker[i]))) {
    await writeAt(file, marker, tail);
    await file.truncate(tail + marker.byteLength);
    await file.datasync();
  }
  return tail;
}
