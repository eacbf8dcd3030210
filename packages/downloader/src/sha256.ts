import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { IncrementalHash } from "./types.js";

// The one place the downloader chooses how to hash: the runtime's native SHA-256, else
// @noble/hashes. No SHA-256 is written by hand in this package.

/** A portable incremental SHA-256 in TypeScript (@noble/hashes): runs anywhere fetch does. */
export const createPortableSha256 = (): IncrementalHash => sha256.create();

type CreateHash = (algorithm: "sha256") => IncrementalHash;

// Node (20.16+), Bun and Deno expose their native crypto through process.getBuiltinModule,
// synchronously and without an import a bundler or a browser would trip on. Native hashing
// is 5-10x faster, and on loopback the portable hash was a fifth of the downloader's CPU.
const nativeCreateHash = ((): CreateHash | undefined => {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const crypto = process?.getBuiltinModule?.("node:crypto") as { createHash?: CreateHash } | undefined;
    return typeof crypto?.createHash === "function" ? crypto.createHash : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * The downloader's default SHA-256: the runtime's native one where it has one (Node, Bun,
 * Deno), else `createPortableSha256`.
 */
export const createDefaultSha256: () => IncrementalHash = nativeCreateHash ? () => nativeCreateHash("sha256") : createPortableSha256;

/** Lower-case hex of a digest. */
export const toHex = (bytes: Uint8Array): string => bytesToHex(bytes);

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * Checks a `createSha256` option once on a known input: a wrong hash factory would corrupt
 * every record silently. Throws a `TypeError` naming the option.
 */
export function checkSha256Factory(create: unknown): asserts create is () => IncrementalHash {
  let digest: unknown;
  try {
    if (typeof create !== "function") throw new Error("not a function");
    const hash = create();
    hash.update(new Uint8Array(0));
    digest = hash.digest();
  } catch (error) {
    throw new TypeError(
      `Downloader option createSha256 must return an incremental SHA-256 ({update, digest}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!(digest instanceof Uint8Array) || toHex(digest) !== EMPTY_SHA256) {
    throw new TypeError("Downloader option createSha256 did not produce SHA-256 (its digest of no bytes is not e3b0c442...b855)");
  }
}
