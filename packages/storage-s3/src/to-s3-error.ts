import { S3BucketNotFoundError, S3CredentialsError, S3StorageError } from "./errors.js";

export interface ErrorContext {
  readonly operation: string;
  readonly bucket: string;
  readonly objectKey?: string | undefined;
  /** The custom endpoint, for messages (never carries credentials). */
  readonly endpoint?: string | undefined;
  /** Strings that must never appear in a message (access key id, secret, session token). */
  readonly secrets: readonly string[];
}

const CREDENTIAL_CODES = new Set([
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "AccessDenied",
  "ExpiredToken",
  "InvalidToken",
  "TokenRefreshRequired",
  "InvalidClientTokenId",
  "CredentialsProviderError",
]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EPIPE", "UND_ERR_SOCKET", "TimeoutError"]);

const CREDENTIALS_FIX =
  "check the credentials (options.credentials, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE for the SDK's default chain) and that they may read and write this bucket";

/** Replaces every secret in `text` with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("***");
  return out;
}

/**
 * Turns an SDK or network error into a typed `S3StorageError` whose message says what to
 * do. The cause is a plain `Error` with the SDK error's name and (redacted) message only.
 */
export function toS3Error(error: unknown, context: ErrorContext): S3StorageError {
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as {
    name?: string;
    message?: string;
    code?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
    cause?: { code?: string };
  };
  const status = e.$metadata?.httpStatusCode;
  const code = e.Code ?? (e.name && e.name !== "Error" ? e.name : undefined) ?? e.code ?? e.cause?.code;
  const message = redact(String(e.message ?? ""), context.secrets);
  const cause = Object.assign(new Error(message), { name: e.name ?? "Error", status, code });
  const where = context.endpoint ? ` at ${context.endpoint}` : "";
  const details = { operation: context.operation, bucket: context.bucket, objectKey: context.objectKey, status, code };

  if (code === "NoSuchBucket" || (status === 404 && context.operation === "verify access")) {
    return new S3BucketNotFoundError(
      `the bucket "${context.bucket}" does not exist${where}`,
      {
        ...details,
        fix: `create it (e.g. \`aws s3 mb s3://${context.bucket}\`) or correct the bucket name, region or endpoint`,
      },
      { cause },
    );
  }
  if (/could not load credentials|credential.*(missing|not found)/i.test(message) || code === "CredentialsProviderError") {
    return new S3CredentialsError(
      `no AWS credentials were found`,
      {
        ...details,
        fix: "pass options.credentials, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) for the SDK's default chain",
      },
      { cause },
    );
  }
  if (status === 401 || status === 403 || (code !== undefined && CREDENTIAL_CODES.has(code))) {
    return new S3CredentialsError(
      `the store refused the credentials${where} (${status ?? "no status"}${code ? ` ${code}` : ""})`,
      { ...details, fix: CREDENTIALS_FIX },
      { cause },
    );
  }
  if (/region is missing/i.test(message)) {
    return new S3StorageError(
      "no region was given or found",
      { ...details, fix: 'pass options.region (e.g. "us-east-1"), or set AWS_REGION for the SDK' },
      { cause },
    );
  }
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new S3StorageError(
      `the store could not be reached${where} (${code})`,
      {
        ...details,
        retryable: true,
        fix: "check options.endpoint and the network, then run again",
      },
      { cause },
    );
  }
  const retryable = status === undefined ? /fetch failed|socket|network|timed? ?out/i.test(message) : status >= 500 || status === 429;
  const problem = `${status ? `${status} ` : ""}${code ?? "error"}${message ? `: ${message}` : ""}`;
  return new S3StorageError(problem, { ...details, retryable, fix: retryable ? "try again later" : undefined }, { cause });
}
