import type { AttemptContext } from "./attempt-context.js";
import { IMAGE_MIME_TYPES, type ImageFormat } from "./image-format.js";

/**
 * Hands the body to `storage.put`, which commits it only if the body ends well (a streamed
 * body errors otherwise, and the adapter stores nothing). From here on a failure may be the
 * store's. Not async: the caller awaits the put itself, so the commit costs no extra await.
 */
export function commitToStorage(
  attempt: AttemptContext,
  body: Uint8Array | ReadableStream<Uint8Array>,
  format: ImageFormat,
  size: number | undefined,
): Promise<void> {
  attempt.committing = true;
  const { signal } = attempt.controller;
  return attempt.settings.storage.put(attempt.job.key, body, { signal, size, contentType: IMAGE_MIME_TYPES[format] });
}
