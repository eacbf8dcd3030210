import {
  close as closeCallback,
  constants,
  lstat as lstatCallback,
  open as openCallback,
  read as readCallback,
  rename as renameCallback,
  type Stats,
  writeFile as writeFileCallback,
} from "node:fs";

// node:fs's callback calls, each wrapped in one promise, for the calls every photo makes (a
// lookup, a whole-body write, a rename). Under Node they cost less CPU than node:fs/promises,
// which makes a FileHandle per writeFile and settles a promise per open, write and close;
// under Bun they make about half the thread switches. See bench/README.md, CPU per photo.

const settle =
  <T>(resolve: (value: T) => void, reject: (error: unknown) => void) =>
  (error: NodeJS.ErrnoException | null, value?: T) =>
    error ? reject(error) : resolve(value as T);

/** Writes `data` to a new file at `path` (flag `wx`: it must not exist). */
export function writeNewFile(path: string, data: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => writeFileCallback(path, data, { flag: "wx" }, settle(resolve, reject)));
}

/** Renames `from` to `to`, replacing what is there. */
export function renamePath(from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => renameCallback(from, to, settle(resolve, reject)));
}

/** `lstat`, or `null` when nothing (or no folder on the way) is at `path`. */
export function lstatOrNull(path: string): Promise<Stats | null> {
  return new Promise((resolve, reject) =>
    lstatCallback(path, (error, info) => {
      if (!error) resolve(info);
      else if (error.code === "ENOENT" || error.code === "ENOTDIR") resolve(null);
      else reject(error);
    }),
  );
}

/**
 * Reads `length` bytes at `position` of the file at `path` with one open, one `pread` and one
 * close (fewer bytes when the file ends first), or `null` when there is no file.
 */
export function readFileRange(path: string, position: number, length: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) =>
    // O_NOFOLLOW: a link in the file's place is refused (ELOOP), never followed out of the root.
    openCallback(path, constants.O_RDONLY | constants.O_NOFOLLOW, (error, fd) => {
      if (error) return error.code === "ENOENT" || error.code === "ENOTDIR" ? resolve(null) : reject(error);
      if (length === 0) return closeCallback(fd, () => resolve(new Uint8Array(0)));
      const buffer = new Uint8Array(length);
      readCallback(fd, buffer, 0, length, position, (readError, bytesRead) =>
        closeCallback(fd, () => (readError ? reject(readError) : resolve(bytesRead === length ? buffer : buffer.subarray(0, bytesRead)))),
      );
    }),
  );
}
