import { resolve } from "node:path";
import { CommandUsageError } from "./errors.js";
import { parseDestination } from "./parse-destination.js";

/**
 * DEST as every worker opens it: `s3://bucket/prefix` as given, a folder as an absolute path
 * (a folder all the workers share, on one host or a network file system). An archive is
 * refused: one .tar is written by one process.
 */
export function sharedDestination(dest: string): string {
  const destination = parseDestination(dest);
  if (destination.kind === "tar") {
    throw new CommandUsageError(
      "out",
      "--queue needs --out to be a folder the workers share or s3://bucket/prefix: an archive (.tar, .tar.gz) is written by one process",
    );
  }
  return destination.kind === "s3" ? dest : resolve(destination.path);
}
