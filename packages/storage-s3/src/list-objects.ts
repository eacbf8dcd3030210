import { type StoredObjectInfo, validateKey } from "@cat-harvest/storage";
import { failure, type S3Bucket } from "./s3-bucket.js";

/** Objects whose key (after the adapter's prefix) starts with `listPrefix`, a page of ListObjectsV2 at a time. */
export async function* listObjects(bucket: S3Bucket, listPrefix: string): AsyncGenerator<StoredObjectInfo> {
  const { prefix } = bucket.options;
  let token: string | undefined;
  do {
    const page = await bucket.client
      .send(
        new bucket.sdk.ListObjectsV2Command({
          Bucket: bucket.options.bucket,
          Prefix: prefix + listPrefix,
          ...(token !== undefined && { ContinuationToken: token }),
        }),
      )
      .catch(failure(bucket, "list", prefix + listPrefix));
    for (const object of page.Contents ?? []) {
      const key = object.Key?.slice(prefix.length);
      // Skip what no key can address: "folder/" markers that consoles create, say.
      if (!key || !object.Key!.startsWith(prefix) || !isValidKey(key)) continue;
      yield { key, size: object.Size ?? 0, ...(object.ETag ? { stamp: object.ETag } : {}) };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
}

function isValidKey(key: string): boolean {
  try {
    validateKey(key);
    return true;
  } catch {
    return false;
  }
}
