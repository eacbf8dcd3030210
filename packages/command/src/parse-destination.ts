import { CommandDestinationError } from "./errors.js";

/** Where a data set goes, as told by a DEST argument. */
export type Destination =
  | { readonly kind: "fs"; readonly path: string }
  | { readonly kind: "tar"; readonly path: string; readonly gzip: boolean }
  | { readonly kind: "s3"; readonly bucket: string; readonly prefix: string };

// Bucket names per the S3 rules (3-63 chars, lower case, digits, dots, hyphens).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Reads DEST: `s3://bucket/prefix` is a bucket prefix, a name ending in `.tar`, `.tar.gz`
 * or `.tgz` is an archive, anything else a folder.
 *
 * @example parseDestination("cats.tar.gz") // { kind: "tar", path: "cats.tar.gz", gzip: true }
 */
export function parseDestination(dest: string): Destination {
  if (typeof dest !== "string" || dest.trim() === "") {
    throw new CommandDestinationError(String(dest ?? ""), "it is empty; give a folder, a .tar/.tar.gz file or s3://bucket/prefix");
  }
  if (/^s3:\/\//i.test(dest)) {
    const rest = dest.slice(5);
    const slash = rest.indexOf("/");
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    const prefix = (slash === -1 ? "" : rest.slice(slash + 1)).replace(/\/+$/, "");
    if (!BUCKET.test(bucket)) {
      throw new CommandDestinationError(dest, `"${bucket}" is not a valid S3 bucket name (3-63 characters: a-z, 0-9, "." and "-")`);
    }
    if (prefix.split("/").some((s) => s === "" || s === "." || s === "..") && prefix !== "") {
      throw new CommandDestinationError(dest, `the prefix "${prefix}" has an empty, "." or ".." segment`);
    }
    return { kind: "s3", bucket, prefix };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dest)) {
    throw new CommandDestinationError(dest, "only folders, .tar/.tar.gz files and s3://bucket/prefix are supported");
  }
  const lower = dest.toLowerCase();
  if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) return { kind: "tar", path: dest, gzip: true };
  if (lower.endsWith(".tar")) return { kind: "tar", path: dest, gzip: false };
  if (lower.endsWith(".gz") || lower.endsWith(".zip")) {
    throw new CommandDestinationError(dest, "archives must end in .tar, .tar.gz or .tgz");
  }
  return { kind: "fs", path: dest };
}

/** A short human description of a destination, for logs. */
export function describeDestination(destination: Destination): string {
  switch (destination.kind) {
    case "fs":
      return `folder ${destination.path}`;
    case "tar":
      return `${destination.gzip ? "gzip-compressed " : ""}tar archive ${destination.path}`;
    case "s3":
      return `s3://${destination.bucket}/${destination.prefix}`;
  }
}
