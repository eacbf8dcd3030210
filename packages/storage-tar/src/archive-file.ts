import { open, type FileHandle } from "node:fs/promises";

/** The file-handle methods the adapter uses: a `FileHandle` from `node:fs/promises` has them all. */
export type ArchiveFile = Pick<FileHandle, "read" | "write" | "stat" | "truncate" | "datasync" | "sync" | "close">;

/**
 * How the adapter opens the archive file: `"r"` read-only (`readOnly: true`), `"r+"` an
 * existing archive to continue, `"w+"` a new one.
 */
export type OpenArchiveFile = (path: string, flags: "r" | "r+" | "w+") => Promise<ArchiveFile>;

/** The default: `open` from `node:fs/promises`. */
export const openArchiveFile: OpenArchiveFile = (path, flags) => open(path, flags);
