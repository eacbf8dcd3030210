import { detectImageFormat, isImageComplete, readImageDimensions } from "@cat-harvest/downloader";
import { hashStream, type CreateSha256 } from "./hash-stream.js";

/** How much of a file's start is kept to find its format and dimensions (as the downloader does). */
const HEAD_BYTES = 256 * 1024;
/** How much of its end is kept to find the format's end marker. */
const TAIL_BYTES = 32;

/** What a stored file holds, read once: its hash and length, whether it is a whole image, and its dimensions. */
export interface StoredInspection {
  readonly sha256: string;
  readonly bytes: number;
  /** A known image format with its end marker: what a download would have accepted. */
  readonly image: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** Reads a stored file once: hash, length, and the image checks and dimensions a download gets. */
export async function inspectStored(body: ReadableStream<Uint8Array>, signal?: AbortSignal, createSha256?: CreateSha256): Promise<StoredInspection> {
  let head: Uint8Array = new Uint8Array(0);
  let tail: Uint8Array = new Uint8Array(0);
  const watched = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (head.byteLength < HEAD_BYTES) head = concat(head, chunk.subarray(0, HEAD_BYTES - head.byteLength));
        tail = (chunk.byteLength >= TAIL_BYTES ? chunk.subarray(-TAIL_BYTES) : concat(tail, chunk)).slice(-TAIL_BYTES);
        controller.enqueue(chunk);
      },
    }),
  );
  const { sha256, bytes } = await hashStream(watched, signal, createSha256);
  const format = detectImageFormat(head);
  if (!format || !isImageComplete(format, head, tail, bytes)) return { sha256, bytes, image: false };
  const dimensions = readImageDimensions(format, head);
  return { sha256, bytes, image: true, ...(dimensions ? { width: dimensions.width, height: dimensions.height } : {}) };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b.slice();
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
