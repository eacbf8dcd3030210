import type { S3Client } from "@aws-sdk/client-s3";
import { StorageError } from "@cat-harvest/storage";
import type { ResolvedS3StorageOptions, S3StorageOptions } from "./s3-storage-options.js";
import { toS3Error } from "./to-s3-error.js";

/** What every S3 call of one adapter needs: the SDK, the client, and where objects go. */
export interface S3Bucket {
  readonly sdk: typeof import("@aws-sdk/client-s3");
  readonly client: S3Client;
  /** Whether the adapter built the client (and so destroys it on close). */
  readonly ownsClient: boolean;
  readonly options: ResolvedS3StorageOptions;
}

/** Loads the SDK (only now: it stays out of the import graph until an adapter is created) and builds the client unless one was given. */
export async function openBucket(options: S3StorageOptions, resolved: ResolvedS3StorageOptions): Promise<S3Bucket> {
  const sdk = await import("@aws-sdk/client-s3");
  if (options.client !== undefined) return { sdk, client: options.client, ownsClient: false, options: resolved };
  const custom = resolved.endpoint !== undefined;
  const client = new sdk.S3Client({
    ...(options.region !== undefined && { region: options.region }),
    ...(custom && { endpoint: options.endpoint }),
    ...(options.forcePathStyle !== undefined && { forcePathStyle: options.forcePathStyle }),
    ...(options.credentials !== undefined && { credentials: options.credentials }),
    ...(custom && { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" }),
    followRegionRedirects: true,
  });
  return { sdk, client, ownsClient: true, options: resolved };
}

/** A thrower for one operation: our own errors pass through, the SDK's become typed `S3StorageError`s. */
export function failure(bucket: S3Bucket, operation: string, objectKey: string | undefined) {
  const { endpoint, secrets } = bucket.options;
  return (error: unknown): never => {
    throw StorageError.isInstance(error) ? error : toS3Error(error, { operation, bucket: bucket.options.bucket, objectKey, endpoint, secrets });
  };
}

/** Whether an SDK error says the object is missing (not the bucket). */
export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || (e?.$metadata?.httpStatusCode === 404 && e?.name !== "NoSuchBucket");
}
