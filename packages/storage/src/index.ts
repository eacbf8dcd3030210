export type { PutOptions, StorageAdapter, StorageBody, StorageCapabilities, StoredObjectInfo } from "./types.js";
export {
  StorageCapabilityError,
  StorageClosedError,
  StorageError,
  StorageKeyError,
  StorageKeyExistsError,
  StorageOptionError,
  readOnlyError,
} from "./errors.js";
export { MAX_KEY_LENGTH, validateKey, validatePrefix } from "./validate-key.js";
export { collectBody, concatChunks, toStream, type CollectBodyOptions } from "./body.js";
export { checkPutArguments } from "./check-put-arguments.js";
export { createMemoryStorage, type MemoryStorage } from "./memory.js";
