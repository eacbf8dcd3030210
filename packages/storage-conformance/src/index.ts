export { describeStorageAdapter, FRIENDLY_KEYS, HOSTILE_KEYS, type DescribeStorageAdapterOptions } from "./describe-storage-adapter.js";
export { chunkedStream, erroringStream, manualStream, patternBytes, readBytes, sameBytes, stallingStream, type ChunkedStreamOptions } from "./test-bodies.js";
