import { concatChunks, type PutOptions, type StorageBody } from "@cat-harvest/storage";
import { S3StorageSizeMismatchError } from "./errors.js";
import { GuardedBody } from "./guarded-body.js";
import { failure, type S3Bucket } from "./s3-bucket.js";

const EMPTY = new Uint8Array(0);

interface UploadParams {
  readonly Bucket: string;
  readonly Key: string;
  readonly ContentType?: string;
}

/**
 * A put. Reads up to one part: a body that ends before it goes up in a single PutObject,
 * which S3 stores atomically and which the signal can abort; a longer one (or one of unknown
 * length, such as a whole .tar.gz) goes up in parts. On failure the body's source is told
 * to stop, and the rejection is the signal's reason, the body's own error, or an `S3StorageError`.
 */
export async function uploadObject(bucket: S3Bucket, key: string, body: StorageBody, options: PutOptions | undefined): Promise<void> {
  const signal = options?.signal;
  const objectKey = bucket.options.prefix + key;
  const size = options?.size;
  const guarded = new GuardedBody(body, signal, (length, ended) =>
    size !== undefined && (length > size || (ended && length !== size))
      ? new S3StorageSizeMismatchError(bucket.options.bucket, objectKey, size, length)
      : undefined,
  );
  const params = { Bucket: bucket.options.bucket, Key: objectKey, ...(options?.contentType !== undefined && { ContentType: options.contentType }) };
  try {
    const first = await readFirstPart(guarded, bucket.options.partSize);
    if (first.ended) {
      const bytes = concatChunks(first.chunks, first.length);
      await bucket.client.send(new bucket.sdk.PutObjectCommand({ ...params, Body: bytes, ContentLength: bytes.byteLength }), { abortSignal: signal });
    } else {
      await uploadInParts(bucket, params, first.chunks, guarded);
    }
  } catch (error) {
    await guarded.release(signal?.aborted ? signal.reason : error);
    if (signal?.aborted) throw signal.reason;
    if (guarded.sourceError !== undefined) throw guarded.sourceError;
    return failure(bucket, "put", objectKey)(error);
  }
  await guarded.release();
}

/** Reads chunks until `partSize` bytes are in or the body ends. */
async function readFirstPart(guarded: GuardedBody, partSize: number): Promise<{ chunks: Uint8Array[]; length: number; ended: boolean }> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < partSize) {
    const chunk = await guarded.read();
    if (chunk === null) return { chunks, length, ended: true };
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  return { chunks, length, ended: false };
}

/**
 * A multipart upload of `head` and then the rest of the body. When the body errors or the
 * signal aborts, the stream given to Upload errors, so Upload aborts the multipart upload
 * and S3 never assembles an object.
 */
async function uploadInParts(bucket: S3Bucket, params: UploadParams, head: Uint8Array[], guarded: GuardedBody): Promise<void> {
  const { Upload } = await import("@aws-sdk/lib-storage");
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next < head.length) {
        controller.enqueue(head[next]!);
        head[next++] = EMPTY;
        return;
      }
      const chunk = await guarded.read();
      if (chunk === null) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const { client } = bucket;
  const { partSize, queueSize } = bucket.options;
  await new Upload({ client, params: { ...params, Body: stream }, partSize, queueSize, leavePartsOnError: false }).done();
}
