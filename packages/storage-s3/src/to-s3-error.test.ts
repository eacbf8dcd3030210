import { describe, expect, test } from "vitest";
import { S3BucketNotFoundError, S3CredentialsError, S3StorageError } from "./errors.js";
import { redact, toS3Error } from "./to-s3-error.js";

const sdkError = (name: string, message: string, status?: number, extra: object = {}) =>
  Object.assign(new Error(message), { name, ...(status !== undefined && { $metadata: { httpStatusCode: status } }), ...extra });

const context = {
  operation: "put",
  bucket: "cats",
  objectKey: "run/Bengal/1-1.jpg",
  endpoint: "http://127.0.0.1:9000",
  secrets: ["AKIASECRETKEYID", "very/secret+key"],
};

describe("toS3Error", () => {
  test.each([
    ["NoSuchBucket", sdkError("NoSuchBucket", "The specified bucket does not exist", 404), S3BucketNotFoundError, "create it", false],
    [
      "InvalidAccessKeyId",
      sdkError("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403),
      S3CredentialsError,
      "AWS_ACCESS_KEY_ID",
      false,
    ],
    [
      "SignatureDoesNotMatch",
      sdkError("SignatureDoesNotMatch", "The request signature we calculated does not match", 403),
      S3CredentialsError,
      "check the credentials",
      false,
    ],
    ["a bare 403 on HEAD", sdkError("403", "UnknownError", 403), S3CredentialsError, "check the credentials", false],
    [
      "no credentials found",
      sdkError("CredentialsProviderError", "Could not load credentials from any providers"),
      S3CredentialsError,
      "pass options.credentials",
      false,
    ],
    ["no region", sdkError("Error", "Region is missing"), S3StorageError, "options.region", false],
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9000"), { code: "ECONNREFUSED" }), S3StorageError, "options.endpoint", true],
    ["a 503", sdkError("ServiceUnavailable", "Please reduce your request rate.", 503), S3StorageError, "try again later", true],
    ["a 400", sdkError("InvalidArgument", "bad part", 400), S3StorageError, "400 InvalidArgument: bad part", false],
  ])("maps %s", (_what, error, type, text, retryable) => {
    const mapped = toS3Error(error, context);
    expect(mapped).toBeInstanceOf(type);
    expect(mapped.message).toContain(text);
    expect(mapped.message).toContain("s3://cats/run/Bengal/1-1.jpg");
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.cause).toBeInstanceOf(Error);
  });

  test("a missing bucket found by verify access is named even when the store says only NotFound", () => {
    const mapped = toS3Error(sdkError("NotFound", "UnknownError", 404), { ...context, operation: "verify access", objectKey: undefined });
    expect(mapped).toBeInstanceOf(S3BucketNotFoundError);
    expect(mapped.message).toContain('the bucket "cats" does not exist at http://127.0.0.1:9000');
  });

  test("credentials never reach the message or the cause, and extra SDK fields are dropped", () => {
    const error = sdkError("AccessDenied", "Access denied for AKIASECRETKEYID using very/secret+key", 403, {
      AWSAccessKeyId: "AKIASECRETKEYID",
      $response: { headers: { authorization: "AKIASECRETKEYID" } },
    });
    const mapped = toS3Error(error, context);
    const everything = `${mapped.message} ${JSON.stringify(mapped)} ${String(mapped.cause)} ${JSON.stringify(mapped.cause)} ${Object.values(mapped.cause as object).join(" ")}`;
    expect(everything).not.toContain("AKIASECRETKEYID");
    expect(everything).not.toContain("very/secret+key");
    expect((mapped.cause as Error).message).toBe("Access denied for *** using ***");
  });
});

describe("redact", () => {
  test.each([
    ["key AKIA1234 and secret s3cr3t", ["AKIA1234", "s3cr3t"], "key *** and secret ***"],
    ["nothing to hide", ["AKIA1234"], "nothing to hide"],
    ["short secrets are not hunted: ab", ["ab"], "short secrets are not hunted: ab"],
  ])("redact(%j)", (text, secrets, expected) => {
    expect(redact(text, secrets)).toBe(expected);
  });
});
