import type { PutOptions, StorageBody } from "./types.js";
import { validateKey } from "./validate-key.js";

/**
 * The argument checks every adapter's `put` starts with: a safe key (`StorageKeyError`), a
 * body that is a stream or bytes, a whole, non-negative `size` and a boolean `supersede` (`TypeError`). Returns the key.
 */
export function checkPutArguments(adapter: string, key: string, body: StorageBody, options?: PutOptions): string {
  validateKey(key);
  if (!(body instanceof Uint8Array) && !(body instanceof ReadableStream)) {
    throw new TypeError(`${adapter} storage put(${JSON.stringify(key)}): body must be a ReadableStream or a Uint8Array`);
  }
  const size = options?.size;
  if (size !== undefined && !(Number.isSafeInteger(size) && size >= 0)) {
    throw new TypeError(`${adapter} storage put(${JSON.stringify(key)}): options.size must be a whole number of bytes >= 0, got ${String(size)}`);
  }
  const supersede = options?.supersede;
  if (supersede !== undefined && typeof supersede !== "boolean") {
    throw new TypeError(`${adapter} storage put(${JSON.stringify(key)}): options.supersede must be a boolean, got ${typeof supersede}`);
  }
  return key;
}
