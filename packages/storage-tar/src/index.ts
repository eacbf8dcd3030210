export { DEFAULT_MAX_ENTRY_SIZE, createTarStorage, type TarStorage, type TarStorageOptions } from "./tar-storage.js";
export { TarArchiveError, TarEntryTooLargeError, TarKeyConflictError, TarSizeMismatchError, TarStorageError } from "./errors.js";
