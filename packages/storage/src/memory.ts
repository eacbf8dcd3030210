import { collectBody } from "./body.js";
import { StorageClosedError } from "./errors.js";
import type { PutOptions, StorageAdapter, StorageBody, StoredObjectInfo } from "./types.js";
import { validateKey, validatePrefix } from "./validate-key.js";

/**
 * An adapter that keeps objects in a `Map`: for tests, and for callers that want the
 * bytes in hand. `objects` exposes what is stored.
 */
export interface MemoryStorage extends StorageAdapter {
  readonly objects: ReadonlyMap<string, Uint8Array>;
}

export function createMemoryStorage(): MemoryStorage {
  const objects = new Map<string, Uint8Array>();
  let closed = false;
  const open = (operation: string) => {
    if (closed) throw new StorageClosedError("memory", operation);
  };
  return {
    name: "memory",
    capabilities: { read: true, list: true, replace: true, write: true },
    objects,
    async put(key: string, body: StorageBody, options?: PutOptions) {
      validateKey(key);
      open("put");
      const collected = await collectBody(body, options?.signal);
      open("put");
      // A caller's array may change after put resolves; what is stored must not.
      objects.set(key, collected === body ? collected.slice() : collected);
    },
    async stat(key: string): Promise<StoredObjectInfo | null> {
      validateKey(key);
      const bytes = objects.get(key);
      return bytes ? { key, size: bytes.byteLength } : null;
    },
    async get(key: string) {
      validateKey(key);
      const bytes = objects.get(key);
      if (!bytes) return null;
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice());
          controller.close();
        },
      });
    },
    async *list(prefix?: string) {
      const p = validatePrefix(prefix);
      for (const [key, bytes] of objects) if (key.startsWith(p)) yield { key, size: bytes.byteLength };
    },
    async delete(key: string) {
      validateKey(key);
      open("delete");
      return objects.delete(key);
    },
    async close() {
      closed = true;
    },
  };
}
