export { createFsStorage, type FsStorage, type FsStorageOptions, type FsyncMode } from "./fs-storage.js";
export { FsStorageError, FsStorageSizeMismatchError } from "./errors.js";
