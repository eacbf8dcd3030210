import type { Stats } from "node:fs";

/**
 * A stored file's stamp: its inode and its modification and change times. A put renames a
 * new file into place (a new inode); a rewrite in place moves both times (and a tool that
 * sets the modification time back still moves the change time). So an unchanged stamp means
 * the file was not written since; a copy to another folder or disk changes it.
 */
export function fileStamp(info: Stats): string {
  return `${info.ino}/${info.mtimeMs}/${info.ctimeMs}`;
}
