export { createS3Storage, type S3Storage } from "./s3-storage.js";
export { DEFAULT_PART_SIZE, MIN_PART_SIZE, type S3StorageOptions } from "./s3-storage-options.js";
export { S3BucketNotFoundError, S3CredentialsError, S3StorageError, S3StorageSizeMismatchError, type S3StorageErrorDetails } from "./errors.js";
