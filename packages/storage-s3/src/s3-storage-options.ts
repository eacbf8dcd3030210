import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import { StorageOptionError, validateKey } from "@cat-harvest/storage";

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
  /**
   * Open the prefix only to read it: `put` and `delete` reject with `StorageCapabilityError`
   * before any request, and `capabilities.write` is false.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** The options checked, with defaults filled in. */
export interface ResolvedS3StorageOptions {
  readonly bucket: string;
  /** `""` or ending in `/`. */
  readonly prefix: string;
  readonly partSize: number;
  readonly queueSize: number;
  /** The endpoint's origin, for messages; `undefined` for AWS itself. */
  readonly endpoint: string | undefined;
  /** The strings of static credentials, to keep out of every message. */
  readonly secrets: string[];
  readonly readOnly: boolean;
}

/** Checks `createS3Storage`'s options: `StorageOptionError` for a missing bucket, `TypeError` for a bad value. */
export function resolveS3StorageOptions(options: S3StorageOptions): ResolvedS3StorageOptions {
  if (typeof options !== "object" || options === null) throw new TypeError('createS3Storage needs options, e.g. { bucket: "my-cat-photos" }');
  if (options.bucket === undefined || options.bucket === "") {
    throw new StorageOptionError("s3", "bucket", 'the name of an existing bucket, e.g. { bucket: "my-cat-photos" }');
  }
  if (typeof options.bucket !== "string") throw new TypeError("createS3Storage: options.bucket must be a string");
  const prefix = normalisePrefix(options.prefix);
  const partSize = options.partSize ?? DEFAULT_PART_SIZE;
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE) {
    throw new TypeError(`createS3Storage: options.partSize must be an integer of at least ${MIN_PART_SIZE} (5 MiB), got ${String(options.partSize)}`);
  }
  const queueSize = options.queueSize ?? 4;
  if (!Number.isSafeInteger(queueSize) || queueSize < 1)
    throw new TypeError(`createS3Storage: options.queueSize must be a positive integer, got ${String(options.queueSize)}`);
  const readOnly = options.readOnly ?? false;
  if (typeof readOnly !== "boolean") throw new TypeError(`createS3Storage: options.readOnly must be a boolean, got ${typeof readOnly}`);
  return { bucket: options.bucket, prefix, partSize, queueSize, endpoint: endpointOrigin(options.endpoint), secrets: secretsOf(options.credentials), readOnly };
}

function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === "") return "";
  if (typeof prefix !== "string") throw new TypeError("createS3Storage: options.prefix must be a string");
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  try {
    validateKey(trimmed);
  } catch (error) {
    throw new TypeError(
      `createS3Storage: options.prefix ${JSON.stringify(prefix)} is not a safe relative path (${(error as Error).message}); use e.g. "datasets/cats"`,
    );
  }
  return `${trimmed}/`;
}

function endpointOrigin(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  try {
    return new URL(endpoint).origin;
  } catch {
    throw new TypeError(`createS3Storage: options.endpoint must be a URL such as "http://127.0.0.1:9000", got ${JSON.stringify(endpoint)}`);
  }
}

function secretsOf(credentials: S3StorageOptions["credentials"]): string[] {
  if (!credentials || typeof credentials !== "object") return [];
  const c = credentials as { accessKeyId?: unknown; secretAccessKey?: unknown; sessionToken?: unknown };
  return [c.accessKeyId, c.secretAccessKey, c.sessionToken].filter((s): s is string => typeof s === "string");
}
