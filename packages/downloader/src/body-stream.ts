import type { AttemptContext } from "./attempt-context.js";
import { DownloaderError } from "./errors.js";
import { finishBody } from "./finish-body.js";
import type { ImageFormat } from "./image-format.js";
import type { BodyInspection } from "./inspect-body.js";
import { readChunk } from "./read-body.js";
import { takeChunk } from "./take-body.js";

/**
 * The stream `storage.put` reads a streamed body from: first the chunks already read to
 * sniff the format (`pending`), then the network, one chunk per pull (so a slow store slows
 * the download and memory does not grow with the file). At the end it calls `finishBody`,
 * and closes only if the body may be stored; any failure errors the stream, so by the
 * storage contract the adapter stores nothing.
 */
export function createBodyStream(
  attempt: AttemptContext,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  inspection: BodyInspection,
  format: ImageFormat,
  pending: Uint8Array[],
  ended: boolean,
): ReadableStream<Uint8Array> {
  const { controller } = attempt;
  return new ReadableStream<Uint8Array>(
    {
      async pull(stream) {
        try {
          const queued = pending.shift();
          if (queued) return stream.enqueue(queued);
          if (!ended) {
            const chunk = await readChunk(attempt, reader);
            if (chunk !== null) return stream.enqueue(takeChunk(attempt, inspection, chunk));
            ended = true;
          }
          if (!(await finishBody(attempt, inspection, format))) {
            throw new DownloaderError(`${attempt.job.key} repeats content ${attempt.sha256}; dropped as a duplicate`);
          }
          stream.close();
        } catch (thrown) {
          stream.error(thrown);
          if (!controller.signal.aborted) controller.abort(thrown);
        }
      },
      cancel(reason) {
        controller.abort(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
