export { createFsStorage, type FsStorage } from "./fs-storage.js";
export { type FsStorageOptions, type FsyncMode } from "./fs-storage-options.js";
export { FsStorageError, FsStorageSizeMismatchError } from "./errors.js";
export { createFileLock, createFsLock } from "./file-lock.js";
