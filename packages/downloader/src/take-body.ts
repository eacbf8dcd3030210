import type { AttemptContext } from "./attempt-context.js";
import type { BodyInspection } from "./inspect-body.js";

/** Counts a chunk of a streamed body against `maxBytes`, inspects it and reports it. */
export function takeChunk(attempt: AttemptContext, inspection: BodyInspection, chunk: Uint8Array): Uint8Array {
  const received = (attempt.received += chunk.byteLength);
  const { maxBytes } = attempt.settings;
  if (received > maxBytes) {
    throw attempt.fail(attempt.error("too-large", `GET ${attempt.shownUrl} body passed maxBytes ${maxBytes}`, { status: attempt.status }));
  }
  inspection.update(chunk);
  attempt.onBytes(chunk.byteLength, received, attempt.expected);
  return chunk;
}

/** Inspects a body read whole and reports it, as one chunk. */
export function takeWholeBody(attempt: AttemptContext, inspection: BodyInspection, body: Uint8Array): void {
  inspection.whole(body);
  attempt.received = body.byteLength;
  attempt.onBytes(body.byteLength, body.byteLength, attempt.expected);
}
