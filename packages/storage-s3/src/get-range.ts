import { failure, isNotFound, type S3Bucket } from "./s3-bucket.js";

/**
 * GetObject with a `Range`: bytes `start` (inclusive) to `end` (exclusive) of the object under
 * `key`, fewer when it ends sooner; `null` when there is no such object.
 */
export async function getRange(bucket: S3Bucket, key: string, start: number, end: number): Promise<Uint8Array | null> {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new TypeError(`getRange needs 0 <= start <= end, whole numbers; got start ${start}, end ${end}`);
  }
  const objectKey = bucket.options.prefix + key;
  if (end === start) return new Uint8Array(0);
  try {
    const out = await bucket.client.send(
      new bucket.sdk.GetObjectCommand({ Bucket: bucket.options.bucket, Key: objectKey, Range: `bytes=${start}-${end - 1}` }),
    );
    return out.Body ? await out.Body.transformToByteArray() : new Uint8Array(0);
  } catch (error) {
    if (isNotFound(error)) return null;
    return failure(bucket, "get a range of", objectKey)(error);
  }
}
