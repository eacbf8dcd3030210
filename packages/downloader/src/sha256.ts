import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { IncrementalHash } from "./types.js";

/**
 * The downloader's default incremental SHA-256: portable TypeScript that runs anywhere.
 * Where `node:crypto` exists (Node, Bun, Deno), `() => createHash("sha256")` is faster.
 */
export const createPortableSha256 = (): IncrementalHash => sha256.create();

/** Lower-case hex of a digest. */
export const toHex = (bytes: Uint8Array): string => bytesToHex(bytes);
