import { lstat as lstatCallback, rename as renameCallback, type Stats, writeFile as writeFileCallback } from "node:fs";

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
