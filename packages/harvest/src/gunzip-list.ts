import { HarvestInputError } from "./errors.js";
import { excerpt } from "./excerpt.js";

/**
 * The bytes of a gzip-compressed list, decompressed as they stream (web-standard
 * `DecompressionStream`). Bytes that are not gzip, or a file cut short, fail the read with a
 * `HarvestInputError` naming the file.
 */
export function gunzipList(body: ReadableStream<Uint8Array>, fileName: string): ReadableStream<Uint8Array> {
  const reader = body.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (error) {
        throw new HarvestInputError(
          fileName,
          0,
          `cannot decompress it as gzip (${excerpt(String((error as Error)?.message ?? error), 120)}); give a whole .gz file, or drop ".gz" from the name of a file that is not compressed`,
          { cause: error },
        );
      }
      if (read.done) controller.close();
      else controller.enqueue(read.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
