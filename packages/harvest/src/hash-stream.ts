import { createDefaultSha256, toHex, type IncrementalHash } from "@cat-harvest/downloader";

/** Makes an incremental SHA-256 (see the downloader's `createSha256` option). */
export type CreateSha256 = () => IncrementalHash;

/** sha256 (hex) and length of a stream, read chunk by chunk. */
export async function hashStream(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
  createSha256: CreateSha256 = createDefaultSha256,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createSha256();
  let bytes = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      bytes += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  return { sha256: toHex(hash.digest()), bytes };
}

/** sha256 (hex) of a short text, such as a URL. */
export function sha256OfText(text: string): string {
  const hash = createDefaultSha256();
  hash.update(new TextEncoder().encode(text));
  return toHex(hash.digest());
}
