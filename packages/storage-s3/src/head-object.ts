import type { StoredObjectInfo } from "@cat-harvest/storage";
import { failure, isNotFound, type S3Bucket } from "./s3-bucket.js";

/** HeadObject: the object's size and ETag (its stamp), or `null` when there is none under `key`. */
export async function headObject(bucket: S3Bucket, key: string, operation: string): Promise<StoredObjectInfo | null> {
  const objectKey = bucket.options.prefix + key;
  try {
    const out = await bucket.client.send(new bucket.sdk.HeadObjectCommand({ Bucket: bucket.options.bucket, Key: objectKey }));
    return { key, size: out.ContentLength ?? 0, ...(out.ETag ? { stamp: out.ETag } : {}) };
  } catch (error) {
    if (isNotFound(error)) return null;
    return failure(bucket, operation, objectKey)(error);
  }
}
