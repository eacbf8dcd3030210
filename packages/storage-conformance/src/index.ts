export { describeStorageAdapter, type DescribeStorageAdapterOptions } from "./describe-storage-adapter.js";
export { FRIENDLY_KEYS, HOSTILE_KEYS } from "./keys.js";
export { chunkedStream, erroringStream, manualStream, patternBytes, readBytes, sameBytes, stallingStream, type ChunkedStreamOptions } from "./test-bodies.js";
export { describeLockStore, foreignLockRecord, type DescribeLockStoreOptions } from "./describe-lock-store.js";
