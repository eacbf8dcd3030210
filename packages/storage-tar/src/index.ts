export { createTarStorage, type TarStorage } from "./tar-storage.js";
export { DEFAULT_MAX_ENTRY_SIZE, type TarStorageOptions } from "./tar-storage-options.js";
export { TarArchiveError, TarEntryTooLargeError, TarKeyConflictError, TarSizeMismatchError, TarStorageError, TarWriteError } from "./errors.js";
export type { ArchiveFile, OpenArchiveFile } from "./archive-file.js";
export { createTarLock, TAR_LOCK_SUFFIX } from "./tar-lock.js";
