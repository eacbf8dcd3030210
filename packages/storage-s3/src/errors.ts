import { StorageError } from "@cat-harvest/storage";

export interface S3StorageErrorDetails {
  /** The adapter method that failed: `put`, `stat`, `get`, `list`, `delete`, `verify access`. */
  readonly operation: string;
  readonly bucket: string;
  /** The object's full key in the bucket (prefix included), or `undefined` for bucket-wide calls. */
  readonly objectKey?: string | undefined;
  /** The HTTP status the store answered, when it answered. */
  readonly status?: number | undefined;
  /** The store's error code (`NoSuchBucket`, `AccessDenied`, …) or the SDK's error name. */
  readonly code?: string | undefined;
  /** What to do about it, appended to the message. */
  readonly fix?: string | undefined;
  /** Whether trying again later may succeed (5xx, 429, network). */
  readonly retryable?: boolean | undefined;
}

/**
 * A failure of the S3 adapter. Messages name the operation, the bucket and key, and the fix;
 * they never contain credentials. The `cause` is a sanitised copy of the SDK's error (its
 * name and message only), so no request or credential fields ride along.
 */
export class S3StorageError extends StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-s3.S3StorageError");
  override name: string = "S3StorageError";
  readonly operation: string;
  readonly bucket: string;
  readonly objectKey: string | undefined;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly retryable: boolean;

  constructor(problem: string, details: S3StorageErrorDetails, options?: ErrorOptions) {
    const target = `s3://${details.bucket}/${details.objectKey ?? ""}`;
    super(`s3 storage could not ${details.operation} ${target}: ${problem}${details.fix ? `. Fix: ${details.fix}` : ""}`, options);
    this.operation = details.operation;
    this.bucket = details.bucket;
    this.objectKey = details.objectKey;
    this.status = details.status;
    this.code = details.code;
    this.retryable = details.retryable ?? false;
  }
}

/** The bucket does not exist (at this endpoint and region). */
export class S3BucketNotFoundError extends S3StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-s3.S3BucketNotFoundError");
  override name = "S3BucketNotFoundError" as const;
}

/** No credentials were found, or the store refused the ones given. */
export class S3CredentialsError extends S3StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-s3.S3CredentialsError");
  override name = "S3CredentialsError" as const;
}

/** A put whose body length differed from the `size` it announced; nothing was stored. */
export class S3StorageSizeMismatchError extends S3StorageError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/storage-s3.S3StorageSizeMismatchError");
  override name = "S3StorageSizeMismatchError" as const;
  readonly expected: number;
  readonly actual: number;
  constructor(bucket: string, objectKey: string, expected: number, actual: number) {
    super(`the body had ${actual === expected + 1 ? `more than ${expected}` : actual} bytes but put was told size ${expected}; nothing was stored`, {
      operation: "put",
      bucket,
      objectKey,
      fix: "pass the body's real length as size, or leave size out",
    });
    this.expected = expected;
    this.actual = actual;
  }
}
