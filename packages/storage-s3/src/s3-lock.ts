import { LOCK_KEY, type LockStore } from "@cat-harvest/storage";
import { failure, isNotFound, type S3Bucket } from "./s3-bucket.js";

/** Statuses S3 answers a conditional write that lost: 412 (the object exists), 409 (a concurrent conditional write). */
const CONDITION_LOST = new Set([409, 412]);

/**
 * The lock of an S3 data set: the object `<prefix>/cat-harvest.lock`, created with a
 * conditional write (`PutObject` with `If-None-Match: *`), which AWS S3 makes atomic: of two
 * runs creating it at once, one gets 412. A store that ignores the condition (s3rver 3.7)
 * overwrites instead: `create` asks whether the lock exists first, and `acquireLock` reads the lock back and compares its token, so a run
 * started after another's lock is stored is still refused, but two runs starting within the
 * same moment may both proceed there (each finds the other's token at its next heartbeat and
 * the later one stops).
 */
export function createS3LockStore(bucket: S3Bucket): LockStore {
  const { client, sdk } = bucket;
  const Bucket = bucket.options.bucket;
  const Key = bucket.options.prefix + LOCK_KEY;
  const put = (record: Uint8Array, condition: { IfNoneMatch?: string }) =>
    client.send(new sdk.PutObjectCommand({ Bucket, Key, Body: record, ContentLength: record.byteLength, ContentType: "application/json", ...condition }));
  const read = async (): Promise<Uint8Array | null> => {
    try {
      const out = await client.send(new sdk.GetObjectCommand({ Bucket, Key }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isNotFound(error)) return null;
      return failure(bucket, "read the lock", Key)(error);
    }
  };
  return {
    location: `s3://${Bucket}/${Key}`,
    async create(record) {
      // Asked first, so a store that ignores the condition (s3rver) still refuses an existing lock.
      if ((await read()) !== null) return false;
      try {
        await put(record, { IfNoneMatch: "*" });
        return true;
      } catch (error) {
        if (CONDITION_LOST.has((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0)) return false;
        return failure(bucket, "create the lock", Key)(error);
      }
    },
    read,
    async write(record) {
      await put(record, {}).catch(failure(bucket, "write the lock", Key));
    },
    async remove() {
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key })).catch(failure(bucket, "remove the lock", Key));
    },
  };
}
