import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import {
  checkPutArguments,
  concatChunks,
  type PutOptions,
  type StorageAdapter,
  type StorageBody,
  StorageClosedError,
  StorageError,
  StorageOptionError,
  type StoredObjectInfo,
  validateKey,
  validatePrefix,
} from "@cat-harvest/storage";
import { S3StorageSizeMismatchError } from "./errors.js";
import { GuardedBody } from "./guarded-body.js";
import { toS3Error } from "./to-s3-error.js";

/** The smallest part S3 accepts in a multipart upload (except the last). */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
/** Default part size: bodies up to this length go up in one PutObject. */
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

export interface S3StorageOptions {
  /**
   * The bucket to write into. It must exist; `verifyAccess` checks it.
   * @example "my-cat-photos"
   */
  readonly bucket: string;
  /**
   * A folder inside the bucket every key goes under; a trailing `/` is added.
   * @default ""
   * @example "datasets/2026-11"
   */
  readonly prefix?: string;
  /**
   * The region. Not given, the SDK's default chain decides (AWS_REGION, the profile).
   * @example "eu-west-1"
   */
  readonly region?: string;
  /**
   * An S3-compatible endpoint (MinIO, R2, s3rver). Given, request and response checksums are
   * only computed where the API requires them, which such stores accept.
   * @example "http://127.0.0.1:4568"
   */
  readonly endpoint?: string;
  /**
   * Address buckets as `endpoint/bucket` rather than `bucket.endpoint`; most S3-compatible
   * stores need it.
   * @default false
   */
  readonly forcePathStyle?: boolean;
  /**
   * Credentials, or a provider of them. Not given, the SDK's default chain finds them
   * (environment variables, shared config and credentials files, SSO, instance roles).
   * This package itself never reads the environment.
   */
  readonly credentials?: S3ClientConfig["credentials"];
  /**
   * A client you built yourself; `region`, `endpoint`, `forcePathStyle` and `credentials`
   * are then ignored, and `close()` leaves the client open.
   */
  readonly client?: S3Client;
  /**
   * Bodies longer than this go up as a multipart upload in parts of this size; shorter ones in
   * one PutObject. Each multipart put holds up to `partSize * queueSize` bytes in memory.
   * @default 8388608 (8 MiB; at least 5 MiB)
   */
  readonly partSize?: number;
  /**
   * Parts of one multipart upload sent at once.
   * @default 4
   */
  readonly queueSize?: number;
  /**
   * Check in `createS3Storage` that the bucket exists and the credentials are accepted
   * (`HeadBucket`), so a wrong setup fails before any download.
   * @default true
   */
  readonly verifyAccess?: boolean;
}

/** The S3 adapter: a `StorageAdapter` plus where it writes and an access check. */
export interface S3Storage extends StorageAdapter {
  readonly bucket: string;
  /** The key prefix, `""` or ending in `/`. */
  readonly prefix: string;
  /** The SDK client in use. */
  readonly client: S3Client;
  /**
   * Checks that the bucket exists and the credentials are accepted. Rejects with
   * `S3BucketNotFoundError` or `S3CredentialsError` (or `S3StorageError`) naming the fix.
   */
  verifyAccess(): Promise<void>;
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
  if (typeof options !== "object" || options === null) throw new TypeError('createS3Storage needs options, e.g. { bucket: "my-cat-photos" }');
  if (options.bucket === undefined || options.bucket === "") {
    throw new StorageOptionError("s3", "bucket", 'the name of an existing bucket, e.g. { bucket: "my-cat-photos" }');
  }
  if (typeof options.bucket !== "string") throw new TypeError("createS3Storage: options.bucket must be a string");
  const bucket = options.bucket;
  const prefix = normalisePrefix(options.prefix);
  const partSize = options.partSize ?? DEFAULT_PART_SIZE;
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE) {
    throw new TypeError(`createS3Storage: options.partSize must be an integer of at least ${MIN_PART_SIZE} (5 MiB), got ${String(options.partSize)}`);
  }
  const queueSize = options.queueSize ?? 4;
  if (!Number.isSafeInteger(queueSize) || queueSize < 1) throw new TypeError(`createS3Storage: options.queueSize must be a positive integer, got ${String(options.queueSize)}`);
  let endpoint: string | undefined;
  if (options.endpoint !== undefined) {
    try {
      endpoint = new URL(options.endpoint).origin;
    } catch {
      throw new TypeError(`createS3Storage: options.endpoint must be a URL such as "http://127.0.0.1:9000", got ${JSON.stringify(options.endpoint)}`);
    }
  }

  // The SDK stays out of the import graph until an adapter is actually created.
  const sdk = await import("@aws-sdk/client-s3");
  const secrets = secretsOf(options.credentials);
  const ownsClient = options.client === undefined;
  const client =
    options.client ??
    new sdk.S3Client({
      ...(options.region !== undefined && { region: options.region }),
      ...(endpoint !== undefined && { endpoint: options.endpoint }),
      ...(options.forcePathStyle !== undefined && { forcePathStyle: options.forcePathStyle }),
      ...(options.credentials !== undefined && { credentials: options.credentials }),
      ...(endpoint !== undefined && { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" }),
      followRegionRedirects: true,
    });

  let closed = false;
  const inFlight = new Set<Promise<unknown>>();
  const context = (operation: string, objectKey?: string) => ({ operation, bucket, objectKey, endpoint, secrets });
  const fail = (operation: string, objectKey: string | undefined) => (error: unknown): never => {
    throw StorageError.isInstance(error) ? error : toS3Error(error, context(operation, objectKey));
  };
  const isNotFound = (error: unknown) => {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    return e?.name === "NotFound" || e?.name === "NoSuchKey" || (e?.$metadata?.httpStatusCode === 404 && e?.name !== "NoSuchBucket");
  };

  const head = async (key: string, operation: string): Promise<StoredObjectInfo | null> => {
    validateKey(key);
    if (closed) throw new StorageClosedError("s3", operation);
    const objectKey = prefix + key;
    try {
      const out = await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: objectKey }));
      return { key, size: out.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      return fail(operation, objectKey)(error);
    }
  };

  /**
   * A multipart upload of `head` and then the rest of the body. When the body errors or the
   * signal aborts, the stream given to Upload errors, so Upload aborts the multipart upload
   * and S3 never assembles an object.
   */
  const uploadInParts = async (params: { Bucket: string; Key: string; ContentType?: string }, head: Uint8Array[], guarded: GuardedBody) => {
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
    await new Upload({ client, params: { ...params, Body: stream }, partSize, queueSize, leavePartsOnError: false }).done();
  };

  const upload = async (key: string, body: StorageBody, options: PutOptions | undefined) => {
    const signal = options?.signal;
    const objectKey = prefix + key;
    const size = options?.size;
    const guarded = new GuardedBody(body, signal, (length, ended) =>
      size !== undefined && (length > size || (ended && length !== size)) ? new S3StorageSizeMismatchError(bucket, objectKey, size, length) : undefined,
    );
    const common = { Bucket: bucket, Key: objectKey, ...(options?.contentType !== undefined && { ContentType: options.contentType }) };
    try {
      // Read up to one part: a body that ends before it goes up in a single PutObject, which
      // S3 stores atomically and which the signal can abort; a longer one (or one of unknown
      // length, such as a whole .tar.gz) goes up in parts.
      const chunks: Uint8Array[] = [];
      let length = 0;
      let ended = false;
      while (length < partSize) {
        const chunk = await guarded.read();
        if (chunk === null) {
          ended = true;
          break;
        }
        chunks.push(chunk);
        length += chunk.byteLength;
      }
      if (ended) {
        const bytes = concatChunks(chunks, length);
        await client.send(new sdk.PutObjectCommand({ ...common, Body: bytes, ContentLength: bytes.byteLength }), { abortSignal: signal });
      } else {
        await uploadInParts(common, chunks, guarded);
      }
    } catch (error) {
      // Tell the body's source to stop (a download's connection, say) before rejecting.
      await guarded.release(signal?.aborted ? signal.reason : error);
      if (signal?.aborted) throw signal.reason;
      if (guarded.sourceError !== undefined) throw guarded.sourceError;
      return fail("put", objectKey)(error);
    }
    await guarded.release();
  };

  const storage: S3Storage = {
    name: "s3",
    capabilities: { read: true, list: true, replace: true },
    bucket,
    prefix,
    client,

    async verifyAccess() {
      if (closed) throw new StorageClosedError("s3", "verifyAccess");
      try {
        await client.send(new sdk.HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        fail("verify access", prefix || undefined)(error);
      }
    },

    async put(key: string, body: StorageBody, options?: PutOptions) {
      checkPutArguments("s3", key, body, options);
      if (closed) throw new StorageClosedError("s3", "put");
      options?.signal?.throwIfAborted();
      const task = upload(key, body, options);
      inFlight.add(task);
      try {
        await task;
      } finally {
        inFlight.delete(task);
      }
    },

    stat: (key: string) => head(key, "stat"),

    async get(key: string) {
      validateKey(key);
      if (closed) throw new StorageClosedError("s3", "get");
      const objectKey = prefix + key;
      try {
        const out = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: objectKey }));
        if (!out.Body) return null;
        return out.Body.transformToWebStream() as ReadableStream<Uint8Array>;
      } catch (error) {
        if (isNotFound(error)) return null;
        return fail("get", objectKey)(error);
      }
    },

    async *list(listPrefix?: string) {
      const p = validatePrefix(listPrefix);
      if (closed) throw new StorageClosedError("s3", "list");
      let token: string | undefined;
      do {
        const page = await client
          .send(new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix + p, ...(token !== undefined && { ContinuationToken: token }) }))
          .catch(fail("list", prefix + p));
        for (const object of page.Contents ?? []) {
          const key = object.Key?.slice(prefix.length);
          // Skip what no key can address: "folder/" markers that consoles create, say.
          if (!key || !object.Key!.startsWith(prefix) || !isValidKey(key)) continue;
          yield { key, size: object.Size ?? 0 };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    },

    async delete(key: string) {
      validateKey(key);
      if (closed) throw new StorageClosedError("s3", "delete");
      // DeleteObject succeeds for a missing key too; HeadObject tells whether there was one.
      if ((await head(key, "delete")) === null) return false;
      await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: prefix + key })).catch(fail("delete", prefix + key));
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

const EMPTY = new Uint8Array(0);

function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === "") return "";
  if (typeof prefix !== "string") throw new TypeError("createS3Storage: options.prefix must be a string");
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  try {
    validateKey(trimmed);
  } catch (error) {
    throw new TypeError(`createS3Storage: options.prefix ${JSON.stringify(prefix)} is not a safe relative path (${(error as Error).message}); use e.g. "datasets/cats"`);
  }
  return `${trimmed}/`;
}

function isValidKey(key: string): boolean {
  try {
    validateKey(key);
    return true;
  } catch {
    return false;
  }
}

/** The strings of static credentials, to keep out of every message. */
function secretsOf(credentials: S3StorageOptions["credentials"]): string[] {
  if (!credentials || typeof credentials !== "object") return [];
  const c = credentials as { accessKeyId?: unknown; secretAccessKey?: unknown; sessionToken?: unknown };
  return [c.accessKeyId, c.secretAccessKey, c.sessionToken].filter((s): s is string => typeof s === "string");
}
