import type { StorageAdapter } from "@cat-harvest/storage";
import { drain } from "./drain-body.js";

export interface ReadShardMembersOptions {
  /** A wanted member larger than this is skipped (a broken or hostile tar). @default 64 MiB */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}

/**
 * The bytes of the `wanted` members of a shard's tar, in tar order, streamed: one member in
 * memory at a time, the others read past, the tar left as soon as every wanted member was seen.
 * Nothing is yielded for a tar that is not stored. Reads only.
 */
export async function* readShardMembers(
  storage: StorageAdapter,
  tar: string,
  wanted: ReadonlySet<string>,
  options: ReadShardMembersOptions = {},
): AsyncGenerator<{ name: string; bytes: Uint8Array }> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  if (wanted.size === 0 || !(await storage.stat(tar))) return;
  const body = await storage.get(tar);
  if (!body) return;
  const { createTarDecoder } = await import("modern-tar");
  let left = wanted.size;
  for await (const entry of body.pipeThrough(createTarDecoder())) {
    options.signal?.throwIfAborted();
    const name = entry.header.name;
    if (!wanted.has(name) || entry.header.size > maxBytes) {
      await drain(entry.body);
      continue;
    }
    yield { name, bytes: await collect(entry.body, entry.header.size) };
    // Leaving between members is safe; cancelling a member's body is not (see `drain`).
    if (--left === 0) return;
  }
}

/** A member's body read whole: never more than the `size` its header gave. */
async function collect(body: ReadableStream<Uint8Array>, size: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(size);
  let at = 0;
  const reader = body.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      bytes.set(next.value.subarray(0, size - at), at);
      at += Math.min(next.value.byteLength, size - at);
    }
  } finally {
    reader.releaseLock();
  }
  return bytes.subarray(0, at);
}
