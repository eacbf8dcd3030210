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
  const info = (key: string, bytes: Uint8Array): StoredObjectInfo => ({ key, size: bytes.byteLength, stamp: stampOf(bytes) });
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
    async append(key: string, bytes: Uint8Array) {
      validateKey(key);
      open("append");
      const before = objects.get(key) ?? new Uint8Array(0);
      const after = new Uint8Array(before.byteLength + bytes.byteLength);
      after.set(before);
      after.set(bytes, before.byteLength);
      objects.set(key, after);
    },
    async stat(key: string): Promise<StoredObjectInfo | null> {
      validateKey(key);
      const bytes = objects.get(key);
      return bytes ? info(key, bytes) : null;
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
      for (const [key, bytes] of objects) if (key.startsWith(p)) yield info(key, bytes);
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

// A stored array's stamp: every write stores a new array, so a key's stamp changes whenever it
// is written again (through the adapter or by setting `objects` directly), and a copy of the
// map keeps the stamps.
const stamps = new WeakMap<Uint8Array, string>();
let writes = 0;
function stampOf(bytes: Uint8Array): string {
  let stamp = stamps.get(bytes);
  if (stamp === undefined) stamps.set(bytes, (stamp = String(++writes)));
  return stamp;
}
