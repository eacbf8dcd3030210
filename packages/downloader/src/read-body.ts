import type { AttemptContext } from "./attempt-context.js";
import { emptyBody } from "./check-response.js";
import type { DownloadJobError } from "./errors.js";

/**
 * Reads the next non-empty chunk of a streamed body within `idleTimeoutMs`, or `null` at its
 * end. A body that ends short of its Content-Length is `truncated`.
 */
export async function readChunk(attempt: AttemptContext, reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array | null> {
  const { settings, controller } = attempt;
  for (;;) {
    const idle = setTimeout(
      () =>
        attempt.fail(
          attempt.error(
            "timeout-idle",
            `GET ${attempt.shownUrl} body stalled for ${settings.idleTimeoutMs} ms after ${attempt.received} bytes (idleTimeoutMs)`,
          ),
        ),
      settings.idleTimeoutMs,
    );
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (thrown) {
      throw attempt.classify(thrown);
    } finally {
      clearTimeout(idle);
    }
    if (attempt.failure) throw attempt.failure;
    if (controller.signal.aborted) throw attempt.classify(controller.signal.reason);
    if (chunk.done) {
      if (attempt.expected !== undefined && attempt.received < attempt.expected) throw attempt.fail(truncated(attempt));
      return null;
    }
    if (chunk.value.byteLength > 0) return chunk.value;
  }
}

/**
 * Reads a body of announced length in one call (no per-chunk work in JavaScript), all of it
 * within `idleTimeoutMs`. A body shorter than announced is `truncated`.
 */
export async function readWholeBody(attempt: AttemptContext, response: Response): Promise<Uint8Array> {
  const expected = attempt.expected!;
  const idle = setTimeout(
    () =>
      attempt.fail(
        attempt.error(
          "timeout-idle",
          `GET ${attempt.shownUrl} body of ${expected} bytes did not arrive within ${attempt.settings.idleTimeoutMs} ms (idleTimeoutMs)`,
        ),
      ),
    attempt.settings.idleTimeoutMs,
  );
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (thrown) {
    throw attempt.classify(thrown);
  } finally {
    clearTimeout(idle);
  }
  if (attempt.failure) throw attempt.failure;
  if (bytes.byteLength === 0 && response.body === null) throw attempt.fail(emptyBody(attempt));
  if (bytes.byteLength < expected) {
    attempt.received = bytes.byteLength;
    throw attempt.fail(truncated(attempt));
  }
  attempt.bodyRead = true;
  return bytes;
}

function truncated(attempt: AttemptContext): DownloadJobError {
  return attempt.error("truncated", `GET ${attempt.shownUrl} body ended after ${attempt.received} of ${attempt.expected} bytes`, { status: attempt.status });
}
