export type { PutOptions, StorageAdapter, StorageBody, StorageCapabilities, StoredObjectInfo } from "./types.js";
export {
  StorageCapabilityError,
  StorageClosedError,
  StorageError,
  StorageKeyError,
  StorageKeyExistsError,
  StorageLockedError,
  StorageLockLostError,
  StorageOptionError,
  readOnlyError,
} from "./errors.js";
export { MAX_KEY_LENGTH, validateKey, validatePrefix } from "./validate-key.js";
export { collectBody, concatChunks, toStream, type CollectBodyOptions } from "./body.js";
export { checkPutArguments } from "./check-put-arguments.js";
export { createMemoryStorage, type MemoryStorage } from "./memory.js";
export { LOCK_KEY, type LockStore } from "./lock-store.js";
export { describeLockHolder, encodeLockRecord, parseLockRecord, type LockRecord } from "./lock-record.js";
export { lockStaleness, type LockSelf } from "./lock-staleness.js";
export { acquireLock, DEFAULT_HEARTBEAT_MS, DEFAULT_STALE_AFTER_MS, type AcquireLockOptions } from "./acquire-lock.js";
export type { HeldLock } from "./hold-lock.js";
export { createMemoryLock } from "./memory-lock.js";
