import type { LockStore } from "./lock-store.js";

/**
 * A lock kept in memory, for tests and for callers that share one process: its `create` is
 * exclusive, as every medium's should be.
 */
export function createMemoryLock(location = "memory:cat-harvest.lock"): LockStore {
  let bytes: Uint8Array | null = null;
  return {
    location,
    async create(record) {
      if (bytes !== null) return false;
      bytes = record.slice();
      return true;
    },
    async read() {
      return bytes?.slice() ?? null;
    },
    async write(record) {
      bytes = record.slice();
    },
    async remove() {
      bytes = null;
    },
  };
}
