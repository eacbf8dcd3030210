import { StorageKeyError } from "./errors.js";

/** Longest key accepted, in UTF-16 code units; S3 allows 1,024 bytes. */
export const MAX_KEY_LENGTH = 1024;

// Control characters (C0, DEL, C1): never part of a file name we want to write.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Throws `StorageKeyError` unless `key` is a safe relative path: not empty, not absolute
 * (`/x`, `C:x`), no backslash, NUL or control character, no empty, `.` or `..` segment.
 * Returns the key, so adapters can write `const k = validateKey(key)`.
 */
export function validateKey(key: string): string {
  if (typeof key !== "string") throw new TypeError(`Expected a storage key string, got ${typeof key}`);
  if (key.length === 0) throw new StorageKeyError(key, "it is empty");
  if (key.length > MAX_KEY_LENGTH) throw new StorageKeyError(key.slice(0, 40) + "…", `it is longer than ${MAX_KEY_LENGTH} characters`);
  if (key.includes("\u0000")) throw new StorageKeyError(key, "it contains a NUL character");
  if (CONTROL.test(key)) throw new StorageKeyError(key, "it contains a control character");
  if (key.includes("\\")) throw new StorageKeyError(key, "it contains a backslash; use / between folders");
  if (key.startsWith("/")) throw new StorageKeyError(key, "it is absolute; drop the leading /");
  if (/^[A-Za-z]:/.test(key)) throw new StorageKeyError(key, "it starts with a drive letter");
  for (const segment of key.split("/")) {
    if (segment === "") throw new StorageKeyError(key, "it has an empty path segment (// or a trailing /)");
    if (segment === "." || segment === "..") throw new StorageKeyError(key, `it has a "${segment}" segment`);
  }
  return key;
}

/** Checks a `list` prefix: empty is allowed, otherwise the same rules as a key, but a trailing `/` is fine. */
export function validatePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === "") return "";
  validateKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
  return prefix;
}
