import type { S3Client } from "@aws-sdk/client-s3";
import {
  checkPutArguments,
  type LockStore,
  type PutOptions,
  readOnlyError,
  type StorageAdapter,
  type StorageBody,
  StorageClosedError,
  validateKey,
  validatePrefix,
} from "@cat-harvest/storage";
import { getRange } from "./get-range.js";
import { headObject } from "./head-object.js";
import { listObjects } from "./list-objects.js";
import { failure, isNotFound, openBucket } from "./s3-bucket.js";
import { resolveS3StorageOptions, type S3StorageOptions } from "./s3-storage-options.js";
import { createS3LockStore } from "./s3-lock.js";
import { uploadObject } from "./upload-object.js";

/** The S3 adapter: a `StorageAdapter` plus where it writes and an access check. */
export interface S3Storage extends StorageAdapter {
  readonly bucket: string;
  /** The key prefix, `""` or ending in `/`. */
  readonly prefix: string;
  /** The SDK client in use. */
  readonly client: S3Client;
  /** Whether it was opened with `readOnly: true`. */
  readonly readOnly: boolean;
  /**
   * Checks that the bucket exists and the credentials are accepted. Rejects with
   * `S3BucketNotFoundError` or `S3CredentialsError` (or `S3StorageError`) naming the fix.
   */
  verifyAccess(): Promise<void>;
  /**
   * The data set's lock, `<prefix>/cat-harvest.lock`, for `acquireLock` from `@cat-harvest/storage`:
   * created with a conditional write (`If-None-Match: *`).
   */
  readonly lock: LockStore;
  /**
   * Bytes `start` (inclusive) to `end` (exclusive) of the object under `key` (a ranged
   * GetObject), fewer when it ends sooner, or `null` when there is none: for formats read by
   * parts, such as a Parquet URL list.
   */
  getRange(key: string, start: number, end: number): Promise<Uint8Array | null>;
}

/**
 * Opens a bucket (and prefix) as storage. The AWS SDK is loaded here, on first use, not when
 * this package is imported. By default it checks the bucket and credentials before resolving.
 *
 * @example
 * const storage = await createS3Storage({ bucket: "my-cat-photos", prefix: "cats" });
 * await storage.put("Bengal/123-1.jpg", response.body!, { contentType: "image/jpeg" });
 * await storage.close();
 */
export async function createS3Storage(options: S3StorageOptions): Promise<S3Storage> {
  const bucket = await openBucket(options, resolveS3StorageOptions(options));
  const { client, sdk, ownsClient } = bucket;
  const { prefix, readOnly } = bucket.options;
  let closed = false;
  const ensureOpen = (operation: string) => {
    if (closed) throw new StorageClosedError("s3", operation);
  };
  const inFlight = new Set<Promise<unknown>>();

  const storage: S3Storage = {
    name: "s3",
    capabilities: { read: true, list: true, replace: !readOnly, write: !readOnly },
    readOnly,
    bucket: bucket.options.bucket,
    prefix,
    client,
    lock: createS3LockStore(bucket),

    async verifyAccess() {
      ensureOpen("verifyAccess");
      await client.send(new sdk.HeadBucketCommand({ Bucket: bucket.options.bucket })).catch(failure(bucket, "verify access", prefix || undefined));
    },

    async put(key: string, body: StorageBody, putOptions?: PutOptions) {
      checkPutArguments("s3", key, body, putOptions);
      if (readOnly) {
        const error = readOnlyError("s3", `put ${JSON.stringify(key)}`);
        if (body instanceof ReadableStream && !body.locked) await body.cancel(error).catch(() => {});
        throw error;
      }
      ensureOpen("put");
      putOptions?.signal?.throwIfAborted();
      const task = uploadObject(bucket, key, body, putOptions);
      inFlight.add(task);
      try {
        await task;
      } finally {
        inFlight.delete(task);
      }
    },

    async stat(key: string) {
      validateKey(key);
      ensureOpen("stat");
      return headObject(bucket, key, "stat");
    },

    async get(key: string) {
      validateKey(key);
      ensureOpen("get");
      const objectKey = prefix + key;
      try {
        const out = await client.send(new sdk.GetObjectCommand({ Bucket: bucket.options.bucket, Key: objectKey }));
        if (!out.Body) return null;
        return out.Body.transformToWebStream() as ReadableStream<Uint8Array>;
      } catch (error) {
        if (isNotFound(error)) return null;
        return failure(bucket, "get", objectKey)(error);
      }
    },

    async getRange(key: string, start: number, end: number) {
      validateKey(key);
      ensureOpen("getRange");
      return getRange(bucket, key, start, end);
    },

    async *list(listPrefix?: string) {
      const p = validatePrefix(listPrefix);
      ensureOpen("list");
      yield* listObjects(bucket, p);
    },

    async delete(key: string) {
      validateKey(key);
      if (readOnly) throw readOnlyError("s3", `delete ${JSON.stringify(key)}`);
      ensureOpen("delete");
      // DeleteObject succeeds for a missing key too; HeadObject tells whether there was one.
      if ((await headObject(bucket, key, "delete")) === null) return false;
      await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket.options.bucket, Key: prefix + key })).catch(failure(bucket, "delete", prefix + key));
      return true;
    },

    async close() {
      if (closed && inFlight.size === 0) return;
      closed = true;
      // Uploads still streaming complete (or fail) before close resolves.
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      if (ownsClient) client.destroy();
    },
  };

  if (options.verifyAccess !== false) {
    try {
      await storage.verifyAccess();
    } catch (error) {
      if (ownsClient) client.destroy();
      throw error;
    }
  }
  return storage;
}
