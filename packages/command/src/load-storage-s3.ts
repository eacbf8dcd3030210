import { CommandMissingPackageError } from "./errors.js";

/** The optional package that writes to S3 (it brings the AWS SDK, so it is not installed by default). */
export const STORAGE_S3_PACKAGE = "@cat-harvest/storage-s3";

/**
 * Loads `@cat-harvest/storage-s3` when a run has an s3:// DEST. It is an optional peer
 * dependency, so a folder-only install never downloads the AWS SDK.
 */
export async function loadStorageS3(): Promise<typeof import("@cat-harvest/storage-s3")> {
  try {
    // The cat-harvest bundle keeps this import external: it resolves at run time, if installed.
    return await import("@cat-harvest/storage-s3");
  } catch (error) {
    throw new CommandMissingPackageError(
      STORAGE_S3_PACKAGE,
      `An s3:// DEST needs the ${STORAGE_S3_PACKAGE} package, which could not be loaded. ` +
        `Install it beside the command (\`npm install ${STORAGE_S3_PACKAGE}\`), or run ` +
        `\`npx -p cat-harvest -p ${STORAGE_S3_PACKAGE} cat-harvest --out s3://bucket/prefix\`.`,
      { cause: error },
    );
  }
}
