export { createTarStorage, type TarStorage } from "./tar-storage.js";
export { DEFAULT_MAX_ENTRY_SIZE, type TarStorageOptions } from "./tar-storage-options.js";
export { TarArchiveError, TarEntryTooLargeError, TarKeyConflictError, TarSizeMismatchError, TarStorageError } from "./errors.js";
export { createTarLock, TAR_LOCK_SUFFIX } from "./tar-lock.js";
